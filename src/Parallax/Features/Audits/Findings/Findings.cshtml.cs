namespace Parallax.Features.Audits.Findings;

/// <summary>The audit's strengths and areas for improvement, each with its reach, theme and the cases it came from.</summary>
public class FindingsModel(AuditFindings findings, ParallaxDbContext db) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public FindingKind? Kind { get; set; }

    [BindProperty] public FindingScope? Scope { get; set; }

    [BindProperty] public Guid? AgencyId { get; set; }

    [BindProperty] public Guid? ThemeId { get; set; }

    [BindProperty] public string? Text { get; set; }

    [BindProperty] public List<Guid> CaseIds { get; set; } = [];

    /// <summary>The finding being changed (?change=id fills the form with it); null when adding one.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Change { get; set; }

    /// <summary>The finding's version when the form was read.</summary>
    [BindProperty] public Guid? Expected { get; set; }

    /// <summary>The author says the flagged text identifies no one (the return form's confirm-a-false-positive step).</summary>
    [BindProperty] public bool ConfirmIdentifiers { get; set; }

    /// <summary>True when the finding was refused as possibly identifying someone: the form then offers to confirm it does not.</summary>
    public bool AskToConfirm { get; private set; }

    public Audit Audit { get; private set; } = null!;

    public IReadOnlyList<Finding> Findings { get; private set; } = [];

    public IReadOnlyList<Theme> Themes { get; private set; } = [];

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public IReadOnlyList<Case> Sample { get; private set; } = [];

    public static readonly string[] FieldOrder = [nameof(Kind), nameof(Scope), nameof(AgencyId), nameof(ThemeId), nameof(Text), nameof(CaseIds)];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (Change is { } id)
        {
            if (Findings.FirstOrDefault(f => f.Id == id) is not { } f) return NotFound();
            (Kind, Scope, AgencyId, ThemeId, Text, CaseIds, Expected) = (f.Kind, f.Scope, f.AgencyId, f.ThemeId, f.Text, [.. f.CaseIds], f.Version);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync()
    {
        await LoadAsync();
        if (Change is not { } id || Findings.All(f => f.Id != id)) return NotFound();
        await findings.UpdateAsync(User.SignedInPartnershipId(), Id, id, Expected ?? Guid.Empty, new FindingInput(Kind, Scope, AgencyId, ThemeId, Text, CaseIds, ConfirmIdentifiers));
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        await LoadAsync();
        await findings.AddAsync(User.SignedInPartnershipId(), Id, new FindingInput(Kind, Scope, AgencyId, ThemeId, Text, CaseIds, ConfirmIdentifiers));
        return RedirectToPage(new { id = Id });
    }

    async Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal)
    {
        await LoadAsync();
        if (refusal is EditConflictException && Findings.FirstOrDefault(x => x.Id == Change) is { } f)
        {
            // Show what is stored now, with its version, so the next save is made knowingly.
            ModelState.Clear();
            (Kind, Scope, AgencyId, ThemeId, Text, CaseIds, Expected) = (f.Kind, f.Scope, f.AgencyId, f.ThemeId, f.Text, [.. f.CaseIds], f.Version);
        }

        AskToConfirm = Parallax.Core.Privacy.IdentifiableDataDetector.Find(Text).Count > 0;
        ViewData["FieldOrder"] = FieldOrder;
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid findingId) =>
        await findings.RemoveAsync(User.SignedInPartnershipId(), Id, findingId) ? RedirectToPage(new { id = Id }) : NotFound();

    private async Task LoadAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        Audit = HttpContext.LoadedRecord<Audit>();
        Findings = await findings.ForAudit(Id).AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.CreatedAt).ToListAsync();
        Themes = await findings.ThemesAsync(partnershipId);
        Agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).OrderBy(a => a.Name).ToListAsync();
        Sample = await db.Cases.AsNoTracking().Where(c => db.AuditCases.Any(ac => ac.AuditId == Id && ac.CaseId == c.Id)).OrderBy(c => c.Uin).ToListAsync();
    }
}
