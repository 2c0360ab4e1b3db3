namespace Parallax.Features.Account;

/// <summary>Where the link from a password-reset e-mail leads: a new password, once.</summary>
public class ResetPasswordModel(PasswordReset reset) : PageModel, IShowsRefusals
{
    [FromRoute] public string Token { get; set; } = "";

    [BindProperty] public string? Password { get; set; }

    [BindProperty] public string? ConfirmPassword { get; set; }

    public bool Usable { get; private set; }

    public async Task OnGetAsync() => Usable = await reset.IsUsableAsync(Token);

    public async Task<IActionResult> OnPostAsync()
    {
        await reset.ResetAsync(Token, Password, ConfirmPassword);
        TempData["Notification"] = "Your password has been changed. Sign in with your new password.";
        return RedirectToPage("/Account/SignIn");
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => OnGetAsync();
}
