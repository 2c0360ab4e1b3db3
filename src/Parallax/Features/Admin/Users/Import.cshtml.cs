namespace Parallax.Features.Admin.Users;

/// <summary>Invites many people from a CSV or XLSX file: everyone or no one, each problem by row and column.</summary>
[RequestSizeLimit(SheetReader.MaxBytes + 64 * 1024)]
public class ImportModel(People people) : PageModel
{
    [BindProperty] public IFormFile? PeopleList { get; set; }

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(People.InvitationTemplateCsv())).ToArray(), "text/csv", "parallax-invitations-template.csv");

    public async Task<IActionResult> OnPostAsync()
    {
        if (PeopleList is null || string.IsNullOrEmpty(PeopleList.FileName))
        {
            ModelState.AddModelError(nameof(PeopleList), "Select a CSV or Excel file with the people to invite");
            return Page();
        }

        try
        {
            await using var stream = PeopleList.OpenReadStream();
            var sheet = SheetReader.Read(stream, PeopleList.FileName, PeopleList.Length);
            var result = await people.InviteManyAsync(User.SignedInPartnershipId(), sheet, User.Identity?.Name ?? "Your administrator");
            if (result.Succeeded)
            {
                TempData["Notification"] = result.Added == 1 ? "1 invitation was sent." : $"{result.Added} invitations were sent.";
                return RedirectToPage("Index");
            }

            Problems = result.Problems;
            var message = ImportProblems.Summary(Problems.Count, Problems[0].Row == 0, Problems[0].Message).Replace("nothing was added", "no one was invited", StringComparison.Ordinal).Replace("Nothing was added.", "No one was invited.", StringComparison.Ordinal);
            ViewData["OrderedErrors"] = new[] { ("problems", message) };
            ModelState.AddModelError(nameof(PeopleList), message);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(PeopleList), e.Message);
        }

        return Page();
    }
}
