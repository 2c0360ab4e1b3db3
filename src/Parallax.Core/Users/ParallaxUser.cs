namespace Parallax.Core.Users;

public class ParallaxUser : IdentityUser<Guid>
{
    public ParallaxUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    /// <summary>
    /// The partnership of the membership the person chose last (decision 0034): a new sign-in acts in it while that
    /// membership is active. Partnership, agency and roles are per <see cref="Membership"/>.
    /// </summary>
    public Guid PartnershipId { get; set; }

    public Partnership? Partnership { get; set; }

    public List<Membership> Memberships { get; set; } = [];

    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Invited and not yet accepted: the person has not set a password, so cannot sign in.</summary>
    public bool InvitationPending { get; set; }

    /// <summary>When the account's last membership ended (a leaver everywhere): no sign-in, open sessions end. Null while active.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
}
