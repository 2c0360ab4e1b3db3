namespace Parallax.Features.Admin.Users;

/// <summary>Invites many people from a CSV or XLSX file: everyone or no one, each problem by row and column.</summary>
[RequestSizeLimit(SheetReader.MaxBytes + 64 * 1024)]
public class ImportModel(People people) : SpreadsheetImportPage
{
    [BindProperty] public IFormFile? PeopleList { get; set; }

    public IActionResult OnGetTemplate() =>
        CsvTemplate(People.InvitationTemplateCsv(), "parallax-invitations-template.csv");

    public Task<IActionResult> OnPostAsync() => ImportAsync(PeopleList, nameof(PeopleList), "Select a CSV or Excel file with the people to invite",
        sheet => people.InviteManyAsync(User.SignedInPartnershipId(), sheet, User.Identity?.Name ?? "Your administrator"),
        added => added == 1 ? "1 invitation was sent." : $"{added} invitations were sent.",
        () => RedirectToPage("Index"));

    protected override string Refused(string summary) =>
        summary.Replace("nothing was added", "no one was invited", StringComparison.Ordinal).Replace("Nothing was added.", "No one was invited.", StringComparison.Ordinal);
}
