namespace Parallax.Features.Tools;

public class NewModel(ToolCatalogue catalogue) : PageModel, IShowsRefusals
{
    [BindProperty, Required(ErrorMessage = "Enter a name for the tool"), StringLength(200, ErrorMessage = "The name must be 200 characters or fewer")]
    public string Name { get; set; } = "";

    [BindProperty, StringLength(4000, ErrorMessage = "The description must be 4000 characters or fewer")]
    public string? Description { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var tool = await catalogue.CreateAsync(User.SignedInPartnershipId(), Name, Description);
        return RedirectToPage("/Tools/Version", new { toolId = tool.Id, number = 1 });
    }

    string IShowsRefusals.FieldFor(string coreField) => nameof(Name);
}
