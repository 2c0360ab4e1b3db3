namespace Parallax.Features.Account;

/// <summary>
/// The page the set-up link opens on an empty installation: the partnership's name and the first administrator,
/// who chooses their own password and is then taken to set up two-factor sign-in.
/// </summary>
public class SetUpModel(FirstRun firstRun, SignInManager<ParallaxUser> signIn, SecurityLog security) : PageModel, IShowsRefusals
{
    [FromRoute] public string Token { get; set; } = "";

    [BindProperty] public string? PartnershipName { get; set; }

    [BindProperty] public string? DisplayName { get; set; }

    [BindProperty] public string? Email { get; set; }

    [BindProperty] public string? Password { get; set; }

    [BindProperty] public string? ConfirmPassword { get; set; }

    [BindProperty] public bool RequireTwoFactor { get; set; }

    public bool Usable { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Usable = await firstRun.IsUsableAsync(Token);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await firstRun.CompleteAsync(Token, PartnershipName, DisplayName, Email, Password, ConfirmPassword, RequireTwoFactor);
        await signIn.SignInAsync(user, isPersistent: false);
        await security.RecordAsync(HttpContext, SecurityEventKind.SignedIn, email: user.Email, userId: user.Id);
        TempData["Notification"] = "The partnership is set up and you are its administrator. Now protect your account with an authenticator app.";
        return RedirectToPage("/Account/SetUpTwoFactor");
    }

    async Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => Usable = await firstRun.IsUsableAsync(Token);
}
