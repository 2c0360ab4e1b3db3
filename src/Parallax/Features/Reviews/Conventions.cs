using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Parallax.Web;

namespace Parallax.Features.Reviews;

/// <summary>Running a practice review: audit leads (and administrators).</summary>
public static class Conventions
{
    public static void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Reviews", Policies.AuditLead);
        conventions.LoadRecords("/Reviews", Records.Review);
        conventions.LoadRecordsForPage("/Reviews/Rapid/EnterSummary", Records.ChronologyRequestOfReview);
    }
}
