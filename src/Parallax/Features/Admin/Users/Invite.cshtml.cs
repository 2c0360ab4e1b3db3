namespace Parallax.Features.Admin.Users;

/// <summary>Invites one person by e-mail: the outbox sends them a single-use link (72 hours) to choose their password.</summary>
public class InviteModel(People people, AgencyRegister agencies) : PersonFormPage(agencies)
{
    [BindProperty] public string? Email { get; set; }

    public async Task OnGetAsync() => await LoadAgenciesAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await people.InviteAsync(User.SignedInPartnershipId(), new PersonInput(Email, DisplayName, SelectedRoles, AgencyCode), Inviter);
        TempData["Notification"] = $"An invitation was sent to {user.Email}. The link in it works once, for 72 hours.";
        return RedirectToPage("Index");
    }

    private string Inviter => User.FindFirst("name")?.Value ?? User.Identity?.Name ?? "Your administrator";
}
