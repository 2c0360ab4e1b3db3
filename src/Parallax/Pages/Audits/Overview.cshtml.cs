using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Audits;
using Parallax.Core.Cases;
using Parallax.Core.Data;
using Parallax.Web;

namespace Parallax.Pages.Audits;

public class OverviewModel(AuditPlanner planner, ParallaxDbContext db) : PageModel
{
    public Audit Audit { get; private set; } = null!;

    public IReadOnlyList<Case> Sample { get; private set; } = [];

    public SampleSpread Spread { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        // Loaded within the user's partnership only: another partnership's audit is simply not found.
        var audit = await planner.Audits(User.PartnershipId()!.Value).AsNoTracking()
            .Include(a => a.ToolVersion).ThenInclude(v => v!.Tool)
            .FirstOrDefaultAsync(a => a.Id == id);
        if (audit is null) return NotFound();
        Audit = audit;
        Sample = await db.Cases.AsNoTracking().Include(c => c.Household)
            .Where(c => db.AuditCases.Any(ac => ac.AuditId == id && ac.CaseId == c.Id))
            .OrderBy(c => c.Uin).ToListAsync();
        Spread = SampleSpread.Of(Sample, audit.SampleSizeTarget);
        return Page();
    }
}
