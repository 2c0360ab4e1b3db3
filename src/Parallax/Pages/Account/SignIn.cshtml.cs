using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parallax.Core.Users;
using Parallax.Web;

namespace Parallax.Pages.Account;

public class SignInModel(SignInManager<ParallaxUser> signIn, SecurityLog security, ILogger<SignInModel> logger) : PageModel
{
    public const string WrongCredentials = "Enter a correct e-mail address and password";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    private Task RecordAsync(SecurityEventKind kind) =>
        security.RecordAsync(HttpContext, kind, email: Input.Email);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await RecordAsync(SecurityEventKind.SignedIn);
            return LocalRedirect(SafeReturnUrl);
        }

        if (result.RequiresTwoFactor) return RedirectToPage("/Account/TwoFactor", new { ReturnUrl = SafeReturnUrl });
        if (result.IsLockedOut)
        {
            await RecordAsync(SecurityEventKind.LockedOut);
            logger.LogWarning("Sign-in refused: account locked out");
            ModelState.AddModelError(string.Empty,
                $"Your account is locked after {IdentitySetup.MaxFailedSignIns} wrong passwords. Try again in {IdentitySetup.LockoutDuration.TotalMinutes:0} minutes, or ask your administrator.");
            return Page();
        }

        await RecordAsync(SecurityEventKind.SignInFailed);
        logger.LogInformation("Sign-in refused: wrong e-mail address or password");
        ModelState.AddModelError($"{nameof(Input)}.{nameof(SignInInput.Email)}", WrongCredentials);
        return Page();
    }

    private string SafeReturnUrl => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your e-mail address")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address in the correct format, like name@example.org")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
