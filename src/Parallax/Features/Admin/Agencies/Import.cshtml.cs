namespace Parallax.Features.Admin.Agencies;

/// <summary>Adds the partnership's agencies from a CSV or XLSX file: all rows or none, each problem by row and column.</summary>
[RequestSizeLimit(SheetReader.MaxBytes + 64 * 1024)]
public class ImportModel(AgencyRegister register) : PageModel
{
    [BindProperty] public IFormFile? AgencyList { get; set; }

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AgencyRegister.TemplateCsv())).ToArray(), "text/csv", "parallax-agencies-template.csv");

    public IActionResult OnGetWorkbook() =>
        File(AgencyRegister.TemplateXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "parallax-agencies-template.xlsx");

    public async Task<IActionResult> OnPostAsync()
    {
        if (AgencyList is null || string.IsNullOrEmpty(AgencyList.FileName))
        {
            ModelState.AddModelError(nameof(AgencyList), "Select a CSV or Excel file with the agencies");
            return Page();
        }

        try
        {
            await using var stream = AgencyList.OpenReadStream();
            var sheet = SheetReader.Read(stream, AgencyList.FileName, AgencyList.Length);
            var result = await register.ImportAsync(User.SignedInPartnershipId(), sheet);
            if (result.Succeeded)
            {
                TempData["Notification"] = result.Added == 1 ? "1 agency was added." : $"{result.Added} agencies were added.";
                return RedirectToPage("Index");
            }

            Problems = result.Problems;
            var message = ImportProblems.Summary(Problems.Count, Problems[0].Row == 0, Problems[0].Message);
            ViewData["OrderedErrors"] = new[] { ("problems", message) };
            ModelState.AddModelError(nameof(AgencyList), message);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(AgencyList), e.Message);
        }

        return Page();
    }
}
