using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Actions;
using Parallax.Core.Agencies;
using Parallax.Core.Data;
using Parallax.Core.Spreadsheets;
using Parallax.Web;

namespace Parallax.Features.ActionPlan.Actions;

/// <summary>The partnership's action plan: every action, with a RAG summary, filtered by agency and status; downloadable as a workbook.</summary>
public class IndexModel(ActionPlans plans, ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Agency { get; set; }

    [BindProperty(SupportsGet = true)] public ActionState? State { get; set; }

    public IReadOnlyList<ActionRow> All { get; private set; } = [];

    public IReadOnlyList<ActionRow> Rows { get; private set; } = [];

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetWorkbookAsync()
    {
        await LoadAsync();
        var sheet = new WorksheetDraft("Action plan");
        sheet.ColumnWidths.AddRange([14, 40, 24, 22, 40, 40, 12, 16, 8]);
        sheet.Add([.. new[] { "Audit", "Recommendation", "Owner agency", "Named owner", "Action", "Measure of success", "Due", "Status", "RAG" }.Select(h => new WorkbookCell(h, CellStyle.Heading))]);
        foreach (var r in Rows)
        {
            sheet.Add(new WorkbookCell(r.AuditTitle ?? ""), new WorkbookCell($"{r.Recommendation.Number}. {r.Recommendation.Text}", CellStyle.Wrapped), new WorkbookCell(r.Agency), new WorkbookCell(r.Owner ?? ""),
                new WorkbookCell(r.Action.What, CellStyle.Wrapped), new WorkbookCell(r.Action.Measure, CellStyle.Wrapped), new WorkbookCell(r.Action.DueOn.ToString("yyyy-MM-dd")),
                new WorkbookCell(ActionPlans.Describe(r.State)), new WorkbookCell(r.Rag.ToString()));
        }

        return File(WorkbookWriter.Write([sheet]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "action-plan.xlsx");
    }

    public async Task<IActionResult> OnGetPaperAsync()
    {
        await LoadAsync();
        var partnership = await db.Partnerships.Where(p => p.Id == User.PartnershipId()!.Value).Select(p => p.Name).SingleAsync();
        return File(ActionPlanPaper.Write(partnership, Rows, calendar.Today), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "action-plan.docx");
    }

    private async Task LoadAsync()
    {
        var partnership = User.PartnershipId()!.Value;
        Agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnership).OrderBy(a => a.Name).ToListAsync();
        All = await plans.RowsAsync(partnership, Agency);
        Rows = State is { } state ? [.. All.Where(r => r.State == state)] : All;
    }
}
