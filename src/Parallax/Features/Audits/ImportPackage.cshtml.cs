namespace Parallax.Features.Audits;

/// <summary>Adds an audit from a package exported by Parallax: all of it or, with a sentence saying why, nothing.</summary>
[RequestSizeLimit(AuditPackages.MaxBytes + 64 * 1024)]
public class ImportPackageModel(AuditPackages packages) : PageModel, IShowsRefusals
{
    [BindProperty] public IFormFile? Package { get; set; }

    /// <summary>Create the agencies the package names that the partnership lacks (administrators only).</summary>
    [BindProperty] public bool CreateAgencies { get; set; }

    /// <summary>The agencies the last package named that the partnership lacks.</summary>
    public IReadOnlyList<PackagedAgency> Missing { get; private set; } = [];

    /// <summary>Creating agencies is an administrator's work (decision 0031).</summary>
    public bool CanCreateAgencies => AuditPackages.MayCreateAgencies(User.Caller());

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
            var audit = await packages.ImportAsync(User.Caller(), AuditPackages.Parse(stream), Package.FileName, createMissingAgencies: CreateAgencies);
            return RedirectToPage("/Audits/Plan/Overview", new { id = audit.Id });
        }
        catch (MissingAgenciesException e)
        {
            Missing = e.Missing;
            ModelState.AddModelError(nameof(Package), e.MayCreate
                ? $"The package names {e.Missing.Count} agenc{(e.Missing.Count == 1 ? "y" : "ies")} your partnership does not have. Choose to create them, select the package again and import"
                : e.Message);
            return Page();
        }
    }

    string IShowsRefusals.FieldFor(string coreField) => nameof(Package);
}
