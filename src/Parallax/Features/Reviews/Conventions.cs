namespace Parallax.Features.Reviews;

/// <summary>Running a practice review: audit leads (and administrators).</summary>
public static class Conventions
{
    public static void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Reviews", Policies.AuditLead);
        conventions.LoadRecords("/Reviews", Records.Review);
        // The Rapid Review's own pages (not its following review's milestones) are a 404 for any other kind of review.
        foreach (var page in new[] { "Rapid", "SignOff", "Summaries", "EnterSummary" })
            conventions.LoadRecordsForPage($"/Reviews/Rapid/{page}", Records.RapidReview);
        conventions.LoadRecordsForPage("/Reviews/Rapid/EnterSummary", Records.ChronologyRequestOfReview);
    }
}
