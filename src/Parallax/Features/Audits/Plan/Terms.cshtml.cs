namespace Parallax.Features.Audits.Plan;

/// <summary>Corrects an audit's terms of reference after it is set up. The tool and the request dates stay as set.</summary>
public class TermsModel(AuditPlanner planner) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public Guid Expected { get; set; }

    [BindProperty] public string? Title { get; set; }

    [BindProperty] public string? Theme { get; set; }

    [BindProperty] public string? ThemeSource { get; set; }

    [BindProperty] public string? TermsOfReference { get; set; }

    [BindProperty] public string? LookbackRule { get; set; }

    [BindProperty] public string? SampleSizeTarget { get; set; }

    [BindProperty] public string? SampleSource { get; set; }

    [BindProperty] public DateParts PanelOn { get; set; } = new();

    public string AuditTitle { get; private set; } = "";

    public DateOnly ReturnsDueOn { get; private set; }

    public IActionResult OnGet()
    {
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        CurrentAudit();
        var (panel, sample) = AuditTermsInput.Read(ModelState, PanelOn, SampleSizeTarget, nameof(PanelOn), nameof(SampleSizeTarget));

        if (ModelState.IsValid)
        {
            await planner.UpdateTermsAsync(User.SignedInPartnershipId(), Id, Expected, new AuditTerms(Title, Theme, ThemeSource, TermsOfReference, LookbackRule, sample, panel, SampleSource));
            return RedirectToPage("/Audits/Plan/Overview", new { id = Id });
        }

        ShowAgain();
        return Page();
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal)
    {
        if (refusal is EditConflictException)
        {
            // Show what is stored now, with its version, so the next save is made knowingly.
            ModelState.Clear();
            Fill();
        }

        ShowAgain();
        return Task.CompletedTask;
    }

    private void ShowAgain() =>
        ViewData["FieldOrder"] = new[] { nameof(Title), nameof(Theme), nameof(ThemeSource), nameof(TermsOfReference), nameof(LookbackRule), nameof(SampleSource), nameof(SampleSizeTarget), $"{nameof(PanelOn)}.Day" };

    public string? ErrorFor(string key) => ModelState.ErrorFor(key);

    private Audit CurrentAudit()
    {
        var audit = HttpContext.LoadedRecord<Audit>();
        (AuditTitle, ReturnsDueOn) = (audit.Title, audit.ReturnsDueOn);
        return audit;
    }

    private void Fill()
    {
        var audit = CurrentAudit();
        (Expected, Title, Theme, ThemeSource, TermsOfReference, LookbackRule) = (audit.Version, audit.Title, audit.Theme, audit.ThemeSource, audit.TermsOfReference, audit.LookbackRule);
        SampleSource = audit.SampleSource;
        SampleSizeTarget = audit.SampleSizeTarget?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        PanelOn = audit.PanelOn is { } on ? DateParts.From(on) : new DateParts();
    }
}
