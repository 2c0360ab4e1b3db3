namespace Parallax.Features.Audits.Plan;

/// <summary>The partnership's list of practice themes that findings are tagged with.</summary>
public class ThemesModel(AuditFindings findings) : PageModel
{
    [BindProperty] public string? ThemeName { get; set; }

    public IReadOnlyList<Theme> Themes { get; private set; } = [];

    public async Task OnGetAsync() => Themes = await findings.ThemesAsync(User.SignedInPartnershipId());

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await findings.AddThemeAsync(User.SignedInPartnershipId(), ThemeName);
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(ThemeName), e.Message);
            Themes = await findings.ThemesAsync(User.SignedInPartnershipId());
            return Page();
        }
    }
}
