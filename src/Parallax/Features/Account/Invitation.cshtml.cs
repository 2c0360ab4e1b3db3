using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parallax.Core.Users;

namespace Parallax.Features.Account;

/// <summary>Where an invited person, following the link from their e-mail, chooses their password.</summary>
public class InvitationModel(People people) : PageModel
{
    [FromRoute] public string Token { get; set; } = "";

    [BindProperty] public string? Password { get; set; }

    [BindProperty] public string? ConfirmPassword { get; set; }

    public ParallaxUser? Invited { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Invited = await people.InvitedByTokenAsync(Token);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var user = await people.AcceptInvitationAsync(Token, Password, ConfirmPassword);
            TempData["Notification"] = "Your password is set. Sign in with your e-mail address and your new password.";
            return RedirectToPage("/Account/SignIn");
        }
        catch (AccountInputException e)
        {
            Invited = await people.InvitedByTokenAsync(Token);
            ModelState.AddModelError(e.Field, e.Message);
            return Page();
        }
    }
}
