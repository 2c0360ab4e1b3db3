namespace Parallax.Core.Users;

/// <summary>
/// One person's place in one partnership (decision 0034): the agency they act for there, their roles there and whether
/// it has ended. The account (<see cref="ParallaxUser"/>) keeps what is the person's: e-mail, password, two-factor,
/// lockout. The sign-in cookie's partnership, agency and role claims are made from the chosen active membership.
/// </summary>
public class Membership : Entity
{
    public Guid UserId { get; set; }

    public ParallaxUser? User { get; set; }

    public Guid PartnershipId { get; set; }

    public Partnership? Partnership { get; set; }

    /// <summary>The agency an agency auditor (or action owner) works for in this partnership; null for partnership staff.</summary>
    public Guid? AgencyId { get; set; }

    public Agency? Agency { get; set; }

    /// <summary>The role names (<see cref="Users.Roles"/>) held in this partnership.</summary>
    public List<string> Roles { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When an administrator of this partnership ended it (a leaver); null while active.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
}
