namespace Parallax.Features.Admin.Agencies;

/// <summary>Adds the partnership's agencies from a CSV or XLSX file: all rows or none, each problem by row and column.</summary>
[RequestSizeLimit(SheetReader.MaxBytes + 64 * 1024)]
public class ImportModel(AgencyRegister register) : SpreadsheetImportPage
{
    [BindProperty] public IFormFile? AgencyList { get; set; }

    public IActionResult OnGetTemplate() =>
        CsvTemplate(AgencyRegister.TemplateCsv(), "parallax-agencies-template.csv");

    public IActionResult OnGetWorkbook() =>
        File(AgencyRegister.TemplateXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "parallax-agencies-template.xlsx");

    public Task<IActionResult> OnPostAsync() => ImportAsync(AgencyList, nameof(AgencyList), "Select a CSV or Excel file with the agencies",
        sheet => register.ImportAsync(User.SignedInPartnershipId(), sheet),
        added => added == 1 ? "1 agency was added." : $"{added} agencies were added.",
        () => RedirectToPage("Index"));
}
