namespace Parallax.Features.Audits.Plan;

public class OverviewModel(AuditPlanner planner, ParallaxDbContext db, Parallax.Core.Packages.AuditPackages packages) : PageModel
{
    public Audit Audit { get; private set; } = null!;

    public IReadOnlyList<Case> Sample { get; private set; } = [];

    public SampleSpread Spread { get; private set; } = null!;

    public IReadOnlyList<ReturnRequest> Requests { get; private set; } = [];

    public IReadOnlyList<Agency> RequestedAgencies { get; private set; } = [];

    public IReadOnlyDictionary<Guid, int> InvolvedAgencies { get; private set; } = new Dictionary<Guid, int>();

    public IReadOnlyList<AuditTask> Tasks { get; private set; } = [];

    /// <summary>The whole audit as a package (docs/schema/audit-package.schema.json).</summary>
    public async Task<IActionResult> OnGetPackageAsync(Guid id)
    {
        var package = await packages.ExportAsync(User.SignedInPartnershipId(), id);
        if (package is null) return NotFound();
        return File(System.Text.Encoding.UTF8.GetBytes(Parallax.Core.Packages.AuditPackages.Serialize(package)), "application/json", $"audit-{id}.json");
    }

    public async Task<IActionResult> OnPostAccessAsync(Guid id, Parallax.Core.Panels.CollationAccess access)
    {
        await planner.SetCollationAccessAsync(User.SignedInPartnershipId(), id, access);
        TempData["Notification"] = "Who may read the compiled returns is saved.";
        return RedirectToPage(new { id });
    }

    /// <summary>Moves the audit on: returns open, panel, reporting, actions, closed.</summary>
    public async Task<IActionResult> OnPostAdvanceAsync(Guid id)
    {
        try
        {
            var status = await planner.AdvanceAsync(User.SignedInPartnershipId(), id);
            TempData["Notification"] = $"The audit is now at the {AuditDisplay.Describe(status).ToLowerInvariant()} stage.";
        }
        catch (DomainException e)
        {
            TempData["Problem"] = e.Message + ".";
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        // The folder's record filter found the audit within the caller's partnership; its tool is read for the summary.
        var audit = HttpContext.LoadedRecord<Audit>();
        audit.ToolVersion = await db.ToolVersions.AsNoTracking().Include(v => v.Tool).FirstAsync(v => v.Id == audit.ToolVersionId);
        Audit = audit;
        Sample = await db.Cases.AsNoTracking().Include(c => c.Household)
            .Where(c => db.AuditCases.Any(ac => ac.AuditId == id && ac.CaseId == c.Id))
            .OrderBy(c => c.Uin).ToListAsync();
        Spread = SampleSpread.Of(Sample, audit.SampleSizeTarget);
        Requests = await db.ReturnRequests.AsNoTracking().Where(r => r.AuditId == id).ToListAsync();
        var agencyIds = Requests.Select(r => r.AgencyId).Distinct().ToList();
        RequestedAgencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).OrderBy(a => a.Code).ToListAsync();
        var caseIds = Sample.Select(c => c.Id).ToList();
        InvolvedAgencies = (await db.AgencyInvolvements.AsNoTracking().Where(i => caseIds.Contains(i.CaseId)).Select(i => new { i.CaseId, i.AgencyId }).Distinct().ToListAsync())
            .GroupBy(i => i.CaseId).ToDictionary(g => g.Key, g => g.Count());
        Tasks = AuditTasks.Of(await AuditTaskFacts.LoadAsync(db, audit), (page, fragment) => Url.Page(page, pageHandler: null, values: new { id }, protocol: null, host: null, fragment: fragment));
        return Page();
    }
}
