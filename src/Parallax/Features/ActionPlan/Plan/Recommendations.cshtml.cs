namespace Parallax.Features.ActionPlan.Plan;

/// <summary>The audit's recommendations, made from its findings or by hand, and the SMART actions for each.</summary>
public class RecommendationsModel(ActionPlans plans, ParallaxDbContext db, Parallax.Core.Analysis.AuditStatistics statistics) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public string? Text { get; set; }

    [BindProperty] public Addressee Addressee { get; set; }

    [BindProperty] public string? Group { get; set; }

    [BindProperty] public Guid? AgencyId { get; set; }

    [BindProperty] public Priority Priority { get; set; } = Priority.Medium;

    [BindProperty] public List<Guid> FindingIds { get; set; } = [];

    /// <summary>The recommendation being changed (?change=id fills the form with it); null when adding one.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Change { get; set; }

    /// <summary>The recommendation's version when the form was read.</summary>
    [BindProperty] public Guid? Expected { get; set; }

    public Audit Audit { get; private set; } = null!;

    public IReadOnlyList<Recommendation> Recommendations { get; private set; } = [];

    public IReadOnlyList<ActionRow> Actions { get; private set; } = [];

    public IReadOnlyList<Finding> Findings { get; private set; } = [];

    /// <summary>Dip samples started from the recommendations, with their % Yes so far (the result linked back).</summary>
    public IReadOnlyList<(Guid RecommendationId, Audit Audit, int? PctYes)> DipSamples { get; private set; } = [];

    /// <summary>This audit's own % Yes, to compare a dip sample's with.</summary>
    public int? PctYes { get; private set; }

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? finding)
    {
        await LoadAsync();
        // "Make a recommendation from this finding" (the findings page) arrives with the finding chosen.
        if (finding is { } f && Findings.FirstOrDefault(x => x.Id == f) is { } chosen)
        {
            FindingIds = [chosen.Id];
            Text = "In order to ";
            if (chosen.Scope == FindingScope.SingleAgency && chosen.AgencyId is { } agency) (Addressee, AgencyId) = (Addressee.Agency, agency);
        }

        if (Change is { } id)
        {
            if (Recommendations.FirstOrDefault(r => r.Id == id) is not { } r) return NotFound();
            Fill(r);
        }

        return Page();
    }

    private void Fill(Recommendation r) =>
        (Text, Addressee, Group, AgencyId, Priority, FindingIds, Expected) = (r.Text, r.Addressee, r.AddresseeGroup, r.AddresseeAgencyId, r.Priority, [.. r.FindingIds], r.Version);

    public async Task<IActionResult> OnPostUpdateAsync()
    {
        await LoadAsync();
        if (Change is not { } id || Recommendations.All(r => r.Id != id)) return NotFound();
        await plans.UpdateRecommendationAsync(User.SignedInPartnershipId(), Id, id, Expected ?? Guid.Empty, new RecommendationInput(Text, Addressee, Group, AgencyId, Priority, FindingIds));
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRecommendationAsync()
    {
        await LoadAsync();
        var made = await plans.AddRecommendationAsync(User.SignedInPartnershipId(), Id, new RecommendationInput(Text, Addressee, Group, AgencyId, Priority, FindingIds), User.Identity!.Name!);
        TempData["Notification"] = $"Recommendation {made.Number} is added. Add its actions below.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostDipSampleAsync(Guid recommendationId)
    {
        await LoadAsync();
        startingDipSample = true;
        var sample = await plans.StartDipSampleAsync(User.SignedInPartnershipId(), recommendationId);
        TempData["Notification"] = "The dip sample is set up with this audit's tool and theme. Check its dates and add its cases.";
        return RedirectToPage("/Audits/Plan/Overview", new { id = sample.Id });
    }

    private bool startingDipSample;

    /// <summary>A dip sample's refusal names the new audit's plan, not a field of this page's forms.</summary>
    string IShowsRefusals.FieldFor(string coreField) => startingDipSample ? string.Empty : coreField;

    async Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal)
    {
        await LoadAsync();
        if (refusal is EditConflictException && Recommendations.FirstOrDefault(r => r.Id == Change) is { } stored)
        {
            // Show what is stored now, with its version, so the next save is made knowingly.
            ModelState.Clear();
            Fill(stored);
        }

        ViewData["FieldOrder"] = new[] { nameof(Text), nameof(Group), nameof(AgencyId), nameof(FindingIds) };
    }

    private async Task LoadAsync()
    {
        var partnership = User.SignedInPartnershipId();
        Audit = HttpContext.LoadedRecord<Audit>();
        Recommendations = await db.Recommendations.AsNoTracking().Where(r => r.AuditId == Id).OrderBy(r => r.Number).ToListAsync();
        Actions = await plans.RowsAsync(partnership, auditId: Id);
        Findings = await db.Findings.AsNoTracking().Where(f => f.AuditId == Id).OrderBy(f => f.CreatedAt).ToListAsync();
        Agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnership).OrderBy(a => a.Name).ToListAsync();
        var ids = Recommendations.Select(r => r.Id).ToList();
        var samples = await db.Audits.AsNoTracking().Where(a => a.PartnershipId == partnership && a.DipSampleOfRecommendationId != null && ids.Contains(a.DipSampleOfRecommendationId.Value)).ToListAsync();
        var results = new List<(Guid, Audit, int?)>();
        foreach (var sample in samples) results.Add((sample.DipSampleOfRecommendationId!.Value, sample, (await statistics.ComputeAsync(partnership, sample.Id))?.ToolWide.PctYes));
        DipSamples = results;
        if (samples.Count > 0) PctYes = (await statistics.ComputeAsync(partnership, Id))?.ToolWide.PctYes;
    }
}
