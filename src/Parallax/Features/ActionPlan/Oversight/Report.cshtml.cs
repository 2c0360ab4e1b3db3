namespace Parallax.Features.ActionPlan.Oversight;

/// <summary>An audit's newest final report, as it was made final: read-only, for viewers, leads and administrators. Drafts are never shown here.</summary>
public class ReportModel(ParallaxDbContext db, AuditReports reports) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public string Title { get; private set; } = "";

    public int Number { get; private set; }

    public DateTimeOffset FinalisedAt { get; private set; }

    public string Html { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var partnership = User.SignedInPartnershipId();
        var final = await (
            from v in db.ReportVersions.AsNoTracking()
            join a in db.Audits on v.AuditId equals a.Id
            where a.Id == Id && a.PartnershipId == partnership && v.IsFinal
            orderby v.Number descending
            select new { a.Title, v.Number, v.FinalisedAt }).FirstOrDefaultAsync();
        if (final is null || await reports.VersionAsync(partnership, Id, final.Number) is not { } report) return NotFound();
        Title = final.Title;
        Number = final.Number;
        FinalisedAt = final.FinalisedAt ?? default;
        Html = ReportHtml.Fragment(report);
        return Page();
    }
}
