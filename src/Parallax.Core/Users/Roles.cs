namespace Parallax.Core.Users;

/// <summary>The roles of PRODUCT.md's "Who uses it". A user may hold several.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string AuditLead = nameof(AuditLead);
    public const string AgencyAuditor = nameof(AgencyAuditor);
    public const string PanelMember = nameof(PanelMember);
    public const string Viewer = nameof(Viewer);

    /// <summary>Owns actions for their agency: reports progress and evidence on them.</summary>
    public const string ActionOwner = nameof(ActionOwner);

    public static readonly IReadOnlyList<string> All = [Administrator, AuditLead, AgencyAuditor, PanelMember, Viewer, ActionOwner];

    /// <summary>Roles whose holders act for one agency and so must belong to one.</summary>
    public static readonly IReadOnlyList<string> AgencyBound = [AgencyAuditor, ActionOwner];

    public static string? Normalise(string name) =>
        All.FirstOrDefault(r => string.Equals(r, name.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string DisplayName(string role) => role switch
    {
        Administrator => "Administrator",
        AuditLead => "Audit lead",
        AgencyAuditor => "Agency auditor",
        PanelMember => "Panel member",
        Viewer => "Viewer",
        ActionOwner => "Action owner",
        _ => role,
    };
}
