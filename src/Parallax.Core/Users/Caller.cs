namespace Parallax.Core.Users;

/// <summary>
/// Who is asking, as Core sees them: their account, partnership, agency (for agency roles) and roles. Pages pass
/// this, never a role flag they worked out themselves, so a rule about who may do something lives in Core.
/// </summary>
public sealed record Caller(Guid UserId, Guid PartnershipId, Guid? AgencyId, IReadOnlySet<string> Roles, string Name)
{
    /// <summary>Leads run audits; administrators may do whatever a lead may.</summary>
    public bool IsLead => Roles.Contains(Users.Roles.AuditLead) || Roles.Contains(Users.Roles.Administrator);
}
