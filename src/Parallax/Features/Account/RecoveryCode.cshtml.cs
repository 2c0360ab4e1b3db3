namespace Parallax.Features.Account;

/// <summary>The two-factor step with a recovery code instead of the app: each code works once.</summary>
public class RecoveryCodeModel(SignInManager<ParallaxUser> signIn, SecurityLog security) : PageModel
{
    [BindProperty] public string? Code { get; set; }

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("/Account/SignIn");
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(Code), "Enter one of your recovery codes");
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        var kind = result.Succeeded ? SecurityEventKind.SignedIn : result.IsLockedOut ? SecurityEventKind.LockedOut : SecurityEventKind.TwoFactorFailed;
        await security.RecordAsync(HttpContext, kind, userId: user.Id);
        if (result.Succeeded)
        {
            TempData["Notification"] = "You signed in with a recovery code, which now no longer works. If you have lost your authenticator app, set up a new one.";
            return ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? LocalRedirect(url) : RedirectToPage("/Account/Index");
        }

        ModelState.AddModelError(nameof(Code), result.IsLockedOut ? "Your account is locked after too many wrong codes. Try again later, or ask your administrator." : "That recovery code is not correct or has been used");
        return Page();
    }
}
