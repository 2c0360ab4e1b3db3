namespace Parallax.Features.Audits.Sample;

/// <summary>Adds a list of cases to the sample from a CSV or XLSX file: all rows or none, with each problem by row and column.</summary>
[RequestSizeLimit(SheetReader.MaxBytes + 64 * 1024)]
public class ImportCasesModel(CaseImport import) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public IFormFile? CaseList { get; set; }

    public Audit Audit { get; private set; } = null!;

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public IActionResult OnGet()
    {
        Load();
        return Page();
    }

    public IActionResult OnGetTemplate() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CaseImport.TemplateCsv())).ToArray(), "text/csv", "parallax-cases-template.csv");

    public async Task<IActionResult> OnPostAsync()
    {
        Load();
        if (CaseList is null || string.IsNullOrEmpty(CaseList.FileName))
        {
            ModelState.AddModelError(nameof(CaseList), "Select a CSV or Excel file with the cases");
            return Page();
        }

        try
        {
            await using var stream = CaseList.OpenReadStream();
            var sheet = SheetReader.Read(stream, CaseList.FileName, CaseList.Length);
            var result = await import.ImportAsync(User.SignedInPartnershipId(), Id, sheet);
            if (result.Succeeded)
            {
                TempData["Notification"] = result.Added == 1 ? "1 case was added to the sample." : $"{result.Added} cases were added to the sample.";
                return RedirectToPage("/Audits/Plan/Overview", new { id = Id });
            }

            Problems = result.Problems;
            var message = ImportProblems.Summary(Problems.Count, Problems[0].Row == 0, Problems[0].Message);
            // The summary links to the table of problems, which lists every row and column.
            ViewData["OrderedErrors"] = new[] { ("problems", message) };
            ModelState.AddModelError(nameof(CaseList), message);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(CaseList), e.Message);
        }

        return Page();
    }

    private void Load() => Audit = HttpContext.LoadedRecord<Audit>();
}
