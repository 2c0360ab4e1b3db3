namespace Parallax.Features.Audits.Report;

/// <summary>Marking a version final: the identifiable-data check runs over all its text first, and warns.</summary>
public class ReportFinalModel(AuditReports reports) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [FromRoute] public int Number { get; set; }

    [BindProperty] public bool ConfirmIdentifiers { get; set; }

    public Audit Audit { get; private set; } = null!;

    public IReadOnlyList<ReportIdentifier> Found { get; private set; } = [];

    /// <summary>Narrative sections of this version that are still Parallax's generated drafts.</summary>
    public IReadOnlyList<string> Unreviewed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var found = await reports.FinaliseAsync(User.SignedInPartnershipId(), Id, Number, ConfirmIdentifiers, User.Identity!.Name!);
        if (found.Count > 0)
        {
            Found = found;
            ModelState.AddModelError(nameof(ConfirmIdentifiers), "Check the text listed below: confirm that none of it identifies anyone, or change the report and generate a new version");
            return Page();
        }

        TempData["Notification"] = $"Version {Number} is final. The report is frozen.";
        return RedirectToPage("/Audits/Report/Report", new { id = Id });
    }

    string IShowsRefusals.FieldFor(string coreField) => "";

    private async Task LoadAsync()
    {
        var partnership = User.SignedInPartnershipId();
        if (await reports.VersionAsync(partnership, Id, Number) is not { } version) throw new RecordNotFoundException();
        Audit = HttpContext.LoadedRecord<Audit>();
        Unreviewed = [.. version.Sections.Where(s => s.UnreviewedDraft).Select(s => s.Title)];
        Found = await reports.CheckAsync(partnership, Id, Number);
    }
}
