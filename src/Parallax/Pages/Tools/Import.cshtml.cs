using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parallax.Core.Tools;
using Parallax.Web;

namespace Parallax.Pages.Tools;

/// <summary>Adds a tool from a JSON file exported by Parallax; a file with any problem stores nothing.</summary>
[RequestSizeLimit(ToolInterchange.MaxFileBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ToolInterchange.MaxFileBytes + 64 * 1024)]
public class ImportModel(ToolCatalogue catalogue) : PageModel
{
    [BindProperty]
    public IFormFile? File { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (File is null || File.Length == 0)
        {
            ModelState.AddModelError(nameof(File), "Select an audit tool file (.json)");
            return Page();
        }

        try
        {
            await using var stream = File.OpenReadStream();
            var document = ToolInterchange.Parse(stream);
            var tool = await catalogue.ImportAsync(User.PartnershipId()!.Value, document);
            return RedirectToPage("/Tools/Version", new { toolId = tool.Id, number = 1 });
        }
        catch (ToolImportException e)
        {
            ModelState.AddModelError(nameof(File), $"The file could not be imported: {e.Message}");
            return Page();
        }
    }
}
