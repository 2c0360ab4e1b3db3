using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parallax.Core.Packages;
using Parallax.Core.Tools;
using Parallax.Web;

namespace Parallax.Features.Audits;

/// <summary>Adds an audit from a package exported by Parallax: all of it or, with a sentence saying why, nothing.</summary>
[RequestSizeLimit(AuditPackages.MaxBytes + 64 * 1024)]
public class ImportPackageModel(AuditPackages packages) : PageModel
{
    [BindProperty] public IFormFile? Package { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Package is null || string.IsNullOrEmpty(Package.FileName))
        {
            ModelState.AddModelError(nameof(Package), "Select an audit package (.json)");
            return Page();
        }

        try
        {
            await using var stream = Package.OpenReadStream();
            var audit = await packages.ImportAsync(User.PartnershipId()!.Value, AuditPackages.Parse(stream));
            return Redirect($"/audits/{audit.Id}");
        }
        catch (Exception e) when (e is PackageException or ToolImportException)
        {
            ModelState.AddModelError(nameof(Package), e.Message);
            return Page();
        }
    }
}
