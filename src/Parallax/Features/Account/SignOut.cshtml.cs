namespace Parallax.Features.Account;

/// <summary>Sign-out is a form post (with its anti-forgery token) so no link or image can sign a user out.</summary>
public class SignOutModel(SignInManager<ParallaxUser> signIn, UserManager<ParallaxUser> users, SecurityLog security) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        // A new security stamp invalidates every copy of the session cookie, not only this browser's.
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await security.RecordAsync(HttpContext, SecurityEventKind.SignedOut, userId: user.Id);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
