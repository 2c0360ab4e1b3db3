using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Audits;
using Parallax.Web;

namespace Parallax.Features.Audits;

public class IndexModel(AuditPlanner planner) : PageModel
{
    public sealed record AuditRow(Guid Id, string Title, string Theme, AuditStatus Status, string Tool, DateOnly ReturnsDueOn, DateOnly? PanelOn);

    public IReadOnlyList<AuditRow> Audits { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Audits = await planner.Audits(User.PartnershipId()!.Value).AsNoTracking()
            .OrderByDescending(a => a.RequestsSentOn)
            .Select(a => new AuditRow(a.Id, a.Title, a.Theme, a.Status, a.ToolVersion!.Tool!.Name, a.ReturnsDueOn, a.PanelOn))
            .ToListAsync();
    }
}
