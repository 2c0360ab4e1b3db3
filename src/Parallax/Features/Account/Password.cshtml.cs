namespace Parallax.Features.Account;

/// <summary>The signed-in person changes their password, giving the current one; their other sessions end.</summary>
public class PasswordModel(UserManager<ParallaxUser> users, SignInManager<ParallaxUser> signIn) : PageModel, IShowsRefusals
{
    [BindProperty] public string? CurrentPassword { get; set; }

    [BindProperty] public string? Password { get; set; }

    [BindProperty] public string? ConfirmPassword { get; set; }

    public bool HasPassword { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        HasPassword = await users.HasPasswordAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        HasPassword = await users.HasPasswordAsync(user);
        if (HasPassword && string.IsNullOrEmpty(CurrentPassword)) throw new DomainException("Enter your current password", nameof(CurrentPassword));
        Accounts.CheckNewPassword(Password, ConfirmPassword);
        var result = HasPassword ? await users.ChangePasswordAsync(user, CurrentPassword!, Password!) : await users.AddPasswordAsync(user, Password!);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            throw new DomainException("Your current password is not correct", nameof(CurrentPassword));
        Accounts.Check(result, nameof(Password));
        await signIn.RefreshKeepingSignInAsync(HttpContext, user);
        TempData["Notification"] = "Your password has been changed. Your other sessions have been signed out.";
        return RedirectToPage("/Account/Index");
    }
}
