namespace Parallax.Features.Account;

/// <summary>The second step of sign-in for users with an authenticator app.</summary>
public class TwoFactorModel(SignInManager<ParallaxUser> signIn, SecurityLog security) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("/Account/SignIn");
        if (!ModelState.IsValid) return Page();

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        var kind = result.Succeeded ? SecurityEventKind.SignedIn : result.IsLockedOut ? SecurityEventKind.LockedOut : SecurityEventKind.TwoFactorFailed;
        await security.RecordAsync(HttpContext, kind, userId: user.Id);
        if (result.Succeeded) return ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? LocalRedirect(url) : RedirectToPage("/Home/Index");
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, "Your account is locked after too many wrong codes. Try again later, or ask your administrator.");
            return Page();
        }

        ModelState.AddModelError($"{nameof(Input)}.{nameof(CodeInput.Code)}", "Enter the current 6-digit code from your authenticator app");
        return Page();
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app")]
        [RegularExpression(@"^\s*\d{3}[\s-]?\d{3}\s*$", ErrorMessage = "The code must be 6 digits")]
        public string Code { get; set; } = "";
    }
}
