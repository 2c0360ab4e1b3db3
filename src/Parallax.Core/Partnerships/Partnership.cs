namespace Parallax.Core.Partnerships;

/// <summary>A Safeguarding Children Partnership: the tenant that owns agencies, users, audits and reviews.</summary>
public class Partnership : VersionedEntity
{
    public required string Name { get; set; }

    /// <summary>When set, every user must sign in with an authenticator app (TOTP) as a second factor.</summary>
    public bool RequireTwoFactor { get; set; }

    /// <summary>
    /// When set, people sign in only through the identity provider (OpenID Connect), so that disabling someone there ends
    /// their access; administrators keep their password and two-factor as the way in when the provider is down.
    /// </summary>
    public bool RequireIdentityProvider { get; set; }

    /// <summary>Years after an audit closes that its case narrative is removed (NarrativeRetention); null keeps it.</summary>
    public int? NarrativeRetentionYears { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
