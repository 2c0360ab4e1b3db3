namespace Parallax.Features.Audits.Analysis;

/// <summary>The audit's figures: per question, per section, tool-wide, judgements, the sample and who knew whom.</summary>
public class AnalysisModel(AuditStatistics statistics, ParallaxDbContext db) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)] public AgencyType? AgencyType { get; set; }

    [BindProperty(SupportsGet = true, Name = "case")] public Guid? CaseId { get; set; }

    public AuditFigures Figures { get; private set; } = null!;

    public IReadOnlyList<Case> Sample { get; private set; } = [];

    public IReadOnlyList<AgencyType> AgencyTypes { get; private set; } = [];

    public IReadOnlyList<HouseholdInvolvement> Involvement { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var figures = await statistics.ComputeAsync(User.SignedInPartnershipId(), Id, new StatisticsFilter(AgencyType, CaseId));
        if (figures is null) return NotFound();
        Figures = figures;
        Sample = await db.Cases.AsNoTracking().Where(c => db.AuditCases.Any(ac => ac.AuditId == Id && ac.CaseId == c.Id)).OrderBy(c => c.Uin).ToListAsync();
        AgencyTypes = await db.ReturnRequests.Where(r => r.AuditId == Id).Join(db.Agencies, r => r.AgencyId, a => a.Id, (r, a) => a.Type).Distinct().ToListAsync();
        Involvement = await statistics.HouseholdInvolvementAsync(Id);
        return Page();
    }
}
