namespace Parallax.Core.Users;

/// <summary>
/// Who is asking, as Core sees them: their account, partnership, agency (for agency roles) and roles. Pages pass
/// this, never a role flag they worked out themselves, so a rule about who may do something lives in Core.
/// </summary>
public sealed record Caller(Guid UserId, Guid PartnershipId, Guid? AgencyId, IReadOnlySet<string> Roles, string Name)
{
    /// <summary>Leads run audits; administrators may do whatever a lead may.</summary>
    public bool IsLead => Roles.Contains(Users.Roles.AuditLead) || Roles.Contains(Users.Roles.Administrator);

    public bool IsAdministrator => Roles.Contains(Users.Roles.Administrator);

    /// <summary>The host's operator at the command line: the partnership's administrator.</summary>
    public static Caller Administrator(Guid partnershipId, string name) =>
        new(Guid.Empty, partnershipId, null, new HashSet<string> { Users.Roles.Administrator }, name);

    /// <summary>A lead acting without a signed-in account: the demo and the command line.</summary>
    public static Caller Lead(Guid partnershipId, string name) =>
        new(Guid.Empty, partnershipId, null, new HashSet<string> { Users.Roles.AuditLead }, name);

    /// <summary>An agency's auditor acting without a signed-in account: the demo and the command line.</summary>
    public static Caller AgencyAuditor(Guid partnershipId, Guid agencyId, string name) =>
        new(Guid.Empty, partnershipId, agencyId, new HashSet<string> { Users.Roles.AgencyAuditor }, name);
}
