namespace Parallax.Core.Users;


/// <summary>Issues and redeems one-time links (set-up, invitation, password reset). Changes join the caller's unit of work.</summary>
public sealed class OneTimeLinks(ParallaxDbContext db, TimeProvider clock)
{
    /// <summary>What an expired, used, cancelled, altered or unknown link is told: the same for all, on purpose.</summary>
    public const string NotUsable = "This link has expired or has already been used.";

    /// <summary>
    /// A new link for <paramref name="purpose"/>; any earlier unused link of the same purpose for the same person (or, for
    /// set-up, any earlier set-up link) stops working. Returns the token to put in the link; only its hash is stored.
    /// </summary>
    public async Task<string> IssueAsync(OneTimeLinkPurpose purpose, Guid? partnershipId, Guid? userId, CancellationToken ct = default)
    {
        await VoidAsync(purpose, userId, ct);
        var (token, hash) = OneTimeLink.NewToken();
        var now = clock.GetUtcNow();
        db.Add(new OneTimeLink
        {
            Purpose = purpose, PartnershipId = partnershipId, UserId = userId, TokenHash = hash,
            CreatedAt = now, ExpiresAt = now + OneTimeLink.Lifetime(purpose),
        });
        return token;
    }

    /// <summary>Every unused link of this purpose for this person stops working (an invitation cancelled, a newer link sent).</summary>
    public async Task VoidAsync(OneTimeLinkPurpose purpose, Guid? userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var open = await db.OneTimeLinks.Where(l => l.Purpose == purpose && l.UserId == userId && l.UsedAt == null).ToListAsync(ct);
        foreach (var link in open) link.UsedAt = now;
    }

    /// <summary>The link the token opens, tracked, while it is unused and in date; otherwise null.</summary>
    public async Task<OneTimeLink?> FindUsableAsync(OneTimeLinkPurpose purpose, string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = OneTimeLink.Hash(token.Trim());
        var link = await db.OneTimeLinks.FirstOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == purpose, ct);
        return link is { UsedAt: null } && link.ExpiresAt > clock.GetUtcNow() ? link : null;
    }

    /// <summary>Marks the link used; saved with the change it allowed.</summary>
    public void Use(OneTimeLink link) => link.UsedAt = clock.GetUtcNow();
}
