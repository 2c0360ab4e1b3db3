using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Cases;
using Parallax.Core.Data;
using Parallax.Core.Returns;
using Parallax.Web;

namespace Parallax.Features.AgencyReturns;

/// <summary>
/// "My returns": the requests sent to the auditor's own agency, never another agency's. Each says which
/// adults in the household the agency is linked to, so the auditor can find every record it holds.
/// </summary>
public class IndexModel(ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    public sealed record Row(Guid Id, string Audit, string Uin, string Initials, DateOnly DueOn, ReturnStatus Status, IReadOnlyList<string> Linked, string? CompiledUrl = null, int OpenQueries = 0);

    public IReadOnlyList<Row> Requests { get; private set; } = [];

    /// <summary>"done" lists what is finished (submitted, not known, no return); otherwise what is still to do, overdue first.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Show { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public bool Done => Show == "done";

    public DateOnly Today { get; private set; }

    public int ToDoCount { get; private set; }

    public int DoneCount { get; private set; }

    public Paged<Row> Shown { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    public bool IsOverdue(Row row) => ReturnsDashboard.IsOpen(row.Status) && row.DueOn < Today;

    public string Link(int page) => Url.Page("/AgencyReturns/Index", new { Show = Done ? "done" : null, p = page })!;

    public async Task OnGetAsync()
    {
        var partnershipId = User.PartnershipId()!.Value;
        var agencyId = User.AgencyId()!.Value;
        var requests = await (
            from r in db.ReturnRequests.AsNoTracking()
            join a in db.Audits on r.AuditId equals a.Id
            join c in db.Cases on r.CaseId equals c.Id
            where r.AgencyId == agencyId && a.PartnershipId == partnershipId && r.Status != ReturnStatus.Draft
            orderby r.DueOn, c.Uin
            select new { r.Id, r.CaseId, r.AuditId, Audit = a.Title, AuditDue = a.ReturnsDueOn, a.CompiledViewAccess, c.Uin, c.Initials, r.DueOn, r.Status }).ToListAsync();

        var caseIds = requests.Select(r => r.CaseId).ToList();
        var known = await (
            from i in db.AgencyInvolvements.AsNoTracking()
            join m in db.Set<HouseholdMember>() on i.HouseholdMemberId equals m.Id into members
            from m in members.DefaultIfEmpty()
            where i.AgencyId == agencyId && caseIds.Contains(i.CaseId)
            select new { i.CaseId, Role = (HouseholdRole?)m.Role, Initials = m.Initials }).ToListAsync();

        // The reading rule of the compiled view (CompiledCase.CanRead): an agency that returned on a case reads it after the deadline.
        var today = calendar.Today;
        var ids = requests.Select(r => r.Id).ToList();
        var open = await db.ReturnQueries.Where(q => ids.Contains(q.RequestId) && q.Status == QueryStatus.Open)
            .GroupBy(q => q.RequestId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Requests = requests.Select(r => new Row(r.Id, r.Audit, r.Uin, r.Initials, r.DueOn, r.Status,
            known.Where(k => k.CaseId == r.CaseId).Select(k => k.Role is { } role ? $"{role.Describe()} ({k.Initials})" : $"the child ({r.Initials})").ToList(),
            r.Status == ReturnStatus.Submitted && r.CompiledViewAccess == Parallax.Core.Panels.CompiledViewAccess.AfterDeadline && today > r.AuditDue
                ? $"/audits/{r.AuditId}/cases/{r.CaseId}/compiled" : null, open.GetValueOrDefault(r.Id))).ToList();
        Today = today;
        // A finished return with a query to answer still needs the auditor.
        var toDo = Requests.Where(r => ReturnsDashboard.IsOpen(r.Status) || r.OpenQueries > 0).OrderBy(r => r.DueOn).ThenBy(r => r.Uin).ToList();
        // Finished work, newest deadline first: what was just done is what people look for.
        var done = Requests.Where(r => !ReturnsDashboard.IsOpen(r.Status) && r.OpenQueries == 0).OrderByDescending(r => r.DueOn).ThenBy(r => r.Uin).ToList();
        ToDoCount = toDo.Count;
        DoneCount = done.Count;
        Shown = (Done ? done : toDo).InPages(PageNumber);
    }
}
