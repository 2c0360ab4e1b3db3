namespace Parallax.Features.Audits.Plan;

/// <summary>The partnership's list of practice themes that findings are tagged with.</summary>
public class ThemesModel(AuditFindings findings) : PageModel, IShowsRefusals
{
    [BindProperty] public string? ThemeName { get; set; }

    public IReadOnlyList<Theme> Themes { get; private set; } = [];

    public async Task OnGetAsync() => Themes = await findings.ThemesAsync(User.SignedInPartnershipId());

    public async Task<IActionResult> OnPostAsync()
    {
        await findings.AddThemeAsync(User.SignedInPartnershipId(), ThemeName);
        return RedirectToPage();
    }

    async Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => await OnGetAsync();

    string IShowsRefusals.FieldFor(string coreField) => nameof(ThemeName);
}
