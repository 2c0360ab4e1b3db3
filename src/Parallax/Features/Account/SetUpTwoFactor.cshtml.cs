using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parallax.Core.Users;
using Parallax.Web;

namespace Parallax.Features.Account;

/// <summary>Adds an authenticator app (TOTP) as the second factor of the signed-in user.</summary>
public class SetUpTwoFactorModel(UserManager<ParallaxUser> users, SignInManager<ParallaxUser> signIn) : PageModel
{
    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public bool AlreadyEnabled { get; private set; }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        AlreadyEnabled = user.TwoFactorEnabled;
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!ModelState.IsValid)
        {
            await LoadKeyAsync(user);
            return Page();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(CodeInput.Code)}", "The code is not correct: enter the current 6-digit code from your authenticator app");
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        // The user has just proved both factors: sign them in as such.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", Web.RequireTwoFactorMiddleware.MfaClaimValue)]);
        TempData["Notification"] = "Two-factor sign-in is set up. You will be asked for a code from your authenticator app each time you sign in.";
        return RedirectToPage("/Home/Index");
    }

    private async Task LoadKeyAsync(ParallaxUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp, checked on every request: this session carries on.
            await signIn.RefreshKeepingSignInAsync(HttpContext, user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = FormatKey(key!);
        AuthenticatorUri = $"otpauth://totp/Parallax:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=Parallax&digits=6";
    }

    private static string FormatKey(string key)
    {
        var formatted = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4) formatted.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return formatted.ToString().TrimEnd().ToLowerInvariant();
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app")]
        [RegularExpression(@"^\s*\d{3}[\s-]?\d{3}\s*$", ErrorMessage = "The code must be 6 digits")]
        public string Code { get; set; } = "";
    }
}
