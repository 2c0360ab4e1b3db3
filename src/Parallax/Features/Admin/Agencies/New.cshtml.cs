namespace Parallax.Features.Admin.Agencies;

public class NewModel(AgencyRegister register) : AgencyFormPage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var agency = await register.AddAsync(User.SignedInPartnershipId(), Form.ToInput());
        TempData["Notification"] = $"{agency.Name} ({agency.Code}) was added.";
        return RedirectToPage("Index");
    }
}
