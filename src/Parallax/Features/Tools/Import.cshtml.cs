namespace Parallax.Features.Tools;

/// <summary>Adds a tool from a JSON file exported by Parallax; a file with any problem stores nothing.</summary>
[RequestSizeLimit(ToolInterchange.MaxFileBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ToolInterchange.MaxFileBytes + 64 * 1024)]
public class ImportModel(ToolCatalogue catalogue) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || string.IsNullOrEmpty(Upload.FileName))
        {
            ModelState.AddModelError(nameof(Upload), "Select an audit tool file (.json)");
            return Page();
        }

        try
        {
            await using var stream = Upload.OpenReadStream();
            var document = ToolInterchange.Parse(stream);
            var tool = await catalogue.ImportAsync(User.SignedInPartnershipId(), document);
            return RedirectToPage("/Tools/Version", new { toolId = tool.Id, number = 1 });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(Upload), $"The file could not be imported: {e.Message}");
            return Page();
        }
    }
}
