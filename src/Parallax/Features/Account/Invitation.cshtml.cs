namespace Parallax.Features.Account;

/// <summary>Where an invited person, following the link from their e-mail, chooses their password.</summary>
public class InvitationModel(People people) : PageModel, IShowsRefusals
{
    [FromRoute] public string Token { get; set; } = "";

    [BindProperty] public string? Password { get; set; }

    [BindProperty] public string? ConfirmPassword { get; set; }

    public ParallaxUser? Invited { get; private set; }

    /// <summary>The partnership signs in at its identity provider: the person accepts by signing in there, with no password.</summary>
    public bool AtProvider { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Invited = await people.InvitedByTokenAsync(Token);
        AtProvider = Invited is not null && await people.SignsInAtProviderOnlyAsync(Invited);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await people.AcceptInvitationAsync(Token, Password, ConfirmPassword);
        TempData["Notification"] = "Your password is set. Sign in with your e-mail address and your new password.";
        return RedirectToPage("/Account/SignIn");
    }

    async Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => Invited = await people.InvitedByTokenAsync(Token);
}
