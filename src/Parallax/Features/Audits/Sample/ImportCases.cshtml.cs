namespace Parallax.Features.Audits.Sample;

/// <summary>Adds a list of cases to the sample from a CSV or XLSX file: all rows or none, with each problem by row and column.</summary>
[RequestSizeLimit(SheetReader.MaxBytes + 64 * 1024)]
public class ImportCasesModel(CaseImport import) : SpreadsheetImportPage
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public IFormFile? CaseList { get; set; }

    public Audit Audit { get; private set; } = null!;

    public IActionResult OnGet()
    {
        Load();
        return Page();
    }

    public IActionResult OnGetTemplate() =>
        CsvTemplate(CaseImport.TemplateCsv(), "parallax-cases-template.csv");

    public Task<IActionResult> OnPostAsync()
    {
        Load();
        return ImportAsync(CaseList, nameof(CaseList), "Select a CSV or Excel file with the cases",
            sheet => import.ImportAsync(User.SignedInPartnershipId(), Id, sheet),
            added => added == 1 ? "1 case was added to the sample." : $"{added} cases were added to the sample.",
            () => RedirectToPage("/Audits/Plan/Overview", new { id = Id }));
    }

    private void Load() => Audit = HttpContext.LoadedRecord<Audit>();
}
