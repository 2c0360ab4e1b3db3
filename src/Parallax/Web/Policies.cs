using Microsoft.AspNetCore.Authorization;

namespace Parallax.Web;

/// <summary>Authorization policy names. Folders take them in AddRazorPages conventions; record checks come after loading.</summary>
public static class Policies
{
    public const string Administrator = nameof(Administrator);
    public const string AuditLead = nameof(AuditLead);
    public const string AgencyAuditor = nameof(AgencyAuditor);

    /// <summary>Agency users who owe actions: action owners and agency auditors, each of one agency.</summary>
    public const string AgencyActions = nameof(AgencyActions);

    /// <summary>Who reads the partnership's action plan: leads, administrators and viewers (viewers only read).</summary>
    public const string ActionPlan = nameof(ActionPlan);

    /// <summary>Who reads the cases ready for a panel: panel members, leads and administrators.</summary>
    public const string PanelCases = nameof(PanelCases);

    /// <summary>Who may read a review the lead has opened to them: panel members and viewers, as well as leads and administrators (decision 0071).</summary>
    public const string ReviewReaders = nameof(ReviewReaders);

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(Administrator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator));
        options.AddPolicy(AuditLead, p => p.RequireAuthenticatedUser().RequireRole(Roles.AuditLead, Roles.Administrator));
        // An agency auditor acts for one agency: without it there is nothing they may see.
        options.AddPolicy(AgencyAuditor, p => p.RequireAuthenticatedUser().RequireRole(Roles.AgencyAuditor).RequireClaim(ParallaxClaimTypes.Agency));
        options.AddPolicy(AgencyActions, p => p.RequireAuthenticatedUser().RequireRole(Roles.ActionOwner, Roles.AgencyAuditor).RequireClaim(ParallaxClaimTypes.Agency));
        options.AddPolicy(PanelCases, p => p.RequireAuthenticatedUser().RequireRole(Roles.PanelMember, Roles.AuditLead, Roles.Administrator));
        options.AddPolicy(ReviewReaders, p => p.RequireAuthenticatedUser().RequireRole(Roles.AuditLead, Roles.Administrator, Roles.PanelMember, Roles.Viewer));
        options.AddPolicy(ActionPlan, p => p.RequireAuthenticatedUser().RequireRole(Roles.AuditLead, Roles.Administrator, Roles.Viewer));
    }
}
