using Microsoft.AspNetCore.Identity;
using Parallax.Core.Agencies;
using Parallax.Core.Partnerships;

namespace Parallax.Core.Users;

public class ParallaxUser : IdentityUser<Guid>
{
    public ParallaxUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public Guid PartnershipId { get; set; }

    public Partnership? Partnership { get; set; }

    /// <summary>The agency an agency auditor (or action owner) works for; null for partnership staff.</summary>
    public Guid? AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Invited and not yet accepted: the person has not set a password, so cannot sign in.</summary>
    public bool InvitationPending { get; set; }

    /// <summary>When an administrator deactivated the account (a leaver): no sign-in, open sessions end. Null while active.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
}
