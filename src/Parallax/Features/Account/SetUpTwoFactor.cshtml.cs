namespace Parallax.Features.Account;

/// <summary>
/// Adds an authenticator app (TOTP) as the second factor of the signed-in user, or replaces it. The key of an app already
/// in use is never shown again: replacing asks for the password, then shows a new key that becomes active only when a
/// code from it is entered (the old app works until then).
/// </summary>
public class SetUpTwoFactorModel(ParallaxUserManager users, SignInManager<ParallaxUser> signIn, TimeProvider clock, ParallaxDbContext db) : PageModel
{
    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public bool AlreadyEnabled { get; private set; }

    /// <summary>One of the person's partnerships requires two-factor sign-in; otherwise they are setting it up by choice.</summary>
    public bool Required { get; private set; }

    /// <summary>Replacing an app in use: the password is asked first, and no key is shown until it is right.</summary>
    public bool NeedsPassword { get; private set; }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty]
    [DataType(DataType.Password)]
    public string? CurrentPassword { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        AlreadyEnabled = user.TwoFactorEnabled;
        if (AlreadyEnabled && await users.HasPasswordAsync(user)) NeedsPassword = true;
        // An account with no password (identity-provider sign-in) has nothing to ask again.
        else if (AlreadyEnabled) Show(user, await users.StartReplacingAuthenticatorKeyAsync(user, clock.GetUtcNow()));
        else await LoadKeyAsync(user);
        return Page();
    }

    /// <summary>The password, asked again before a new key replaces an app in use.</summary>
    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        AlreadyEnabled = user.TwoFactorEnabled;
        if (!AlreadyEnabled) return RedirectToPage();
        ModelState.Clear();
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            ModelState.AddModelError(nameof(CurrentPassword), "Enter your password");
            NeedsPassword = true;
            return Page();
        }

        var check = await signIn.CheckPasswordSignInAsync(user, CurrentPassword, lockoutOnFailure: true);
        if (!check.Succeeded && !check.RequiresTwoFactor)
        {
            ModelState.AddModelError(nameof(CurrentPassword), check.IsLockedOut
                ? LockoutSchedule.Sentence(await users.LockoutLengthAsync(user))
                : "Your password is not correct");
            NeedsPassword = true;
            return Page();
        }

        var key = await users.StartReplacingAuthenticatorKeyAsync(user, clock.GetUtcNow());
        Show(user, key);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        AlreadyEnabled = user.TwoFactorEnabled;
        var pending = AlreadyEnabled ? await users.PendingAuthenticatorKeyAsync(user, clock.GetUtcNow()) : null;
        if (AlreadyEnabled && pending is null)
        {
            ModelState.Clear();
            if (!await users.HasPasswordAsync(user)) return RedirectToPage();
            ModelState.AddModelError(nameof(CurrentPassword), $"Your new key was not used within {LockoutSchedule.Wait(ParallaxUserManager.PendingKeyLifetime)}: enter your password to get another");
            NeedsPassword = true;
            return Page();
        }

        ModelState.Remove(nameof(CurrentPassword));
        if (!ModelState.IsValid)
        {
            await ShowAgainAsync(user, pending);
            return Page();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (pending is not null)
        {
            if (OnceOnlyAuthenticatorTokenProvider.Matches(pending, code, clock.GetUtcNow()) is not { } step)
            {
                CodeNotCorrect();
                Show(user, pending);
                return Page();
            }

            var replaced = await users.ReplaceAuthenticatorKeyAsync(user, pending, step);
            if (!replaced.Succeeded) throw new InvalidOperationException("The authenticator key could not be replaced.");
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", RequireTwoFactorMiddleware.MfaClaimValue)]);
            TempData["Notification"] = "Your authenticator app is replaced. Codes from the old one no longer work.";
            return RedirectToPage("/Account/Index");
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            CodeNotCorrect();
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        // The user has just proved both factors: sign them in as such.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", RequireTwoFactorMiddleware.MfaClaimValue)]);
        TempData["Notification"] = "Two-factor sign-in is set up. You will be asked for a code from your authenticator app each time you sign in.";
        return RedirectToPage("/Home/Index");
    }

    private void CodeNotCorrect() =>
        ModelState.AddModelError($"{nameof(Input)}.{nameof(CodeInput.Code)}", "The code is not correct: enter the current 6-digit code from your authenticator app");

    private async Task ShowAgainAsync(ParallaxUser user, string? pending)
    {
        if (pending is not null) Show(user, pending);
        else await LoadKeyAsync(user);
    }

    /// <summary>The key of an app not yet in use (two-factor is off), made now if there is none.</summary>
    private async Task LoadKeyAsync(ParallaxUser user)
    {
        if (user.TwoFactorEnabled) throw new InvalidOperationException("The key of an authenticator app in use is never shown.");
        // The same rule as RequireTwoFactorMiddleware: any active membership of a partnership that requires it.
        Required = await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.DeactivatedAt == null && m.Partnership!.RequireTwoFactor);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp, checked on every request: this session carries on.
            await signIn.RefreshKeepingSignInAsync(HttpContext, user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        Show(user, key!);
    }

    private void Show(ParallaxUser user, string key)
    {
        SharedKey = FormatKey(key);
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
