namespace Parallax.Features.Audits.Report;

/// <summary>The report in the browser: as it stands now, or a saved version (<c>?version=N</c>).</summary>
public class ReportPreviewModel(AuditReports reports, ReportBuilder builder) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "version")] public int? Number { get; set; }

    public Audit Audit { get; private set; } = null!;

    public string Html { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var partnership = User.SignedInPartnershipId();
        Audit = HttpContext.LoadedRecord<Audit>();
        var report = Number is { } number ? await reports.VersionAsync(partnership, Id, number) : await builder.BuildAsync(partnership, Id);
        if (report is null) return NotFound();
        Html = ReportHtml.Fragment(report);
        return Page();
    }
}
