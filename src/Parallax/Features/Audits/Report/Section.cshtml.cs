namespace Parallax.Features.Audits.Report;

/// <summary>One narrative section of the report: the lead's text, starting from the draft generated from the data.</summary>
public class ReportSectionModel(AuditReports reports, ReportBuilder builder) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [FromRoute] public string Key { get; set; } = "";

    [BindProperty] public string? Text { get; set; }

    /// <summary>The version of the saved text the form was opened at; empty when it showed the generated draft.</summary>
    [BindProperty] public Guid? Expected { get; set; }

    public Audit Audit { get; private set; } = null!;

    public ReportSectionDefinition Section { get; private set; } = null!;

    public string Draft { get; private set; } = "";

    public ReportNarrative? Saved { get; private set; }

    /// <summary>The text as the report will show it (HTML-encoded by <see cref="NarrativeMarkup"/>), worked out on the server so it needs no JavaScript.</summary>
    public string PreviewHtml => NarrativeMarkup.Html(Text);

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Text = Saved?.Text ?? Draft;
        Expected = Saved?.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        await reports.SaveNarrativeAsync(User.SignedInPartnershipId(), Id, Key, Expected, Text, User.Identity!.Name!);
        TempData["Notification"] = $"\"{Section.Title}\" is saved.";
        return RedirectToPage("/Audits/Report/Report", new { id = Id });
    }

    string IShowsRefusals.FieldFor(string coreField) => nameof(Text);

    /// <summary>Shows the text as it will look in the report, without saving it.</summary>
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        await LoadAsync();
        if ((Text?.Length ?? 0) > AuditReports.MaxNarrative)
            ModelState.AddModelError(nameof(Text), $"The section must be {AuditReports.MaxNarrative:N0} characters or fewer; it has {Text!.Length:N0}");
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        await LoadAsync();
        await reports.ResetNarrativeAsync(User.SignedInPartnershipId(), Id, Key);
        TempData["Notification"] = $"\"{Section.Title}\" is back to the draft generated from the data.";
        return RedirectToPage("/Audits/Report/Report", new { id = Id });
    }

    private async Task LoadAsync()
    {
        if (ReportSections.Find(Key) is not { Kind: ReportSectionKind.Narrative } section) throw new RecordNotFoundException();
        var partnership = User.SignedInPartnershipId();
        Audit = HttpContext.LoadedRecord<Audit>();
        Section = section;
        var facts = (await builder.FactsAsync(partnership, Id))!;
        Draft = ReportDrafts.For(Key, facts);
        Saved = (await builder.NarrativesAsync(Id)).GetValueOrDefault(Key);
    }
}
