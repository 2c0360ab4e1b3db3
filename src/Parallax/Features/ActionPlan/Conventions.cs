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
        // A practice review's recommendation takes actions on the same page as an audit's. Both routes take the same values, so
        // the review's is named for its links (asp-route); AddPageRoute would send every link to the page, an audit's too, there.
        conventions.AddPageRouteModelConvention("/ActionPlan/Plan/AddAction", page => page.Selectors.Add(new SelectorModel
        {
            AttributeRouteModel = new AttributeRouteModel { Template = "reviews/{id:guid}/recommendations/{recommendationId:guid}/actions/new", Name = ReviewActionRoute },
        }));
    }

    /// <summary>The route of the page adding an action to a practice review's recommendation.</summary>
    public const string ReviewActionRoute = "ReviewRecommendationAction";
}
