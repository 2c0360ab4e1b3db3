using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Parallax.Web;

namespace Parallax.Features.ActionPlan;

/// <summary>
/// The action plan: leads write recommendations and actions (<c>Plan</c>); leads, administrators and viewers
/// read the plan, the dashboard and the learning (<c>Actions</c>, <c>Oversight</c>); an agency updates its own
/// actions (<c>MyActions</c>).
/// </summary>
public static class Conventions
{
    public static void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/ActionPlan/Plan", Policies.AuditLead);
        conventions.AuthorizeFolder("/ActionPlan/Actions", Policies.ActionPlan);
        conventions.AuthorizeFolder("/ActionPlan/Oversight", Policies.ActionPlan);
        conventions.AuthorizeFolder("/ActionPlan/MyActions", Policies.AgencyActions);
        conventions.LoadRecords("/ActionPlan/Actions", Records.Action);
        conventions.LoadRecords("/ActionPlan/MyActions", Records.AgencyAction);
        conventions.LoadRecordsForPage("/ActionPlan/Oversight/Report", Records.Audit);
        conventions.LoadRecordsForPage("/ActionPlan/Plan/Recommendations", Records.Audit);
        conventions.LoadRecordsForPage("/ActionPlan/Plan/AddAction", Records.AuditOrReview, Records.RecommendationOfParent);
        // A practice review's recommendation takes actions on the same page as an audit's.
        conventions.AddPageRoute("/ActionPlan/Plan/AddAction", "reviews/{id:guid}/recommendations/{recommendationId:guid}/actions/new");
    }
}
