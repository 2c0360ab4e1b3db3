namespace Parallax.Features.Account;

/// <summary>
/// Ten recovery codes for a lost authenticator, each usable once at the two-factor step, shown once when they are
/// made (the earlier ones stop working). Making them asks for the password again.
/// </summary>
public class RecoveryCodesModel(UserManager<ParallaxUser> users) : PageModel
{
    public const int Count = 10;

    [BindProperty] public string? CurrentPassword { get; set; }

    public IReadOnlyList<string> Codes { get; private set; } = [];

    public bool TwoFactor { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } me) return Challenge();
        TwoFactor = me.TwoFactorEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } me) return Challenge();
        TwoFactor = me.TwoFactorEnabled;
        if (!TwoFactor) return Page();
        if (await users.HasPasswordAsync(me) && (string.IsNullOrEmpty(CurrentPassword) || !await users.CheckPasswordAsync(me, CurrentPassword)))
        {
            ModelState.AddModelError(nameof(CurrentPassword), string.IsNullOrEmpty(CurrentPassword) ? "Enter your password" : "Your password is not correct");
            return Page();
        }

        Codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(me, Count))?.ToList() ?? [];
        return Page();
    }
}
