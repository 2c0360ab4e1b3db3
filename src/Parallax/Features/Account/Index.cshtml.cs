namespace Parallax.Features.Account;

/// <summary>The signed-in person's own account: password, two-factor sign-in and recovery codes.</summary>
public class IndexModel(UserManager<ParallaxUser> users) : PageModel
{
    public ParallaxUser Me { get; private set; } = null!;

    public bool HasPassword { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } me) return Challenge();
        Me = me;
        HasPassword = await users.HasPasswordAsync(me);
        RecoveryCodesLeft = me.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(me) : 0;
        return Page();
    }
}
