namespace Parallax.Core.Users;

public enum OneTimeLinkPurpose
{
    /// <summary>The first administrator of an empty installation (24 hours).</summary>
    SetUp,

    /// <summary>An invited person sets their password (72 hours).</summary>
    Invitation,

    /// <summary>A forgotten password (1 hour).</summary>
    PasswordReset,
}

/// <summary>
/// A link that works once, until it expires. Only the SHA-256 of its token is stored: the token itself is in the
/// link alone (printed, or mailed), so a copy of the database cannot be used to follow it.
/// </summary>
public class OneTimeLink : Entity
{
    public OneTimeLinkPurpose Purpose { get; set; }

    public Guid? PartnershipId { get; set; }

    public Guid? UserId { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was followed to the end (or replaced by a newer link, or cancelled): never again.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    public static TimeSpan Lifetime(OneTimeLinkPurpose purpose) => purpose switch
    {
        OneTimeLinkPurpose.SetUp => TimeSpan.FromHours(24),
        OneTimeLinkPurpose.Invitation => TimeSpan.FromHours(72),
        _ => TimeSpan.FromHours(1),
    };

    /// <summary>A new random token (256 bits, URL-safe) and the hash to store.</summary>
    public static (string Token, string Hash) NewToken()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
