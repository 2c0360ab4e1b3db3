namespace Parallax.Core.Users;

public enum SecurityEventKind
{
    SignedIn,
    SignInFailed,
    LockedOut,
    TwoFactorFailed,
    SignedOut,
    AccessDenied,

    /// <summary>
    /// A signed-in user asked for a record by its id and was answered "not found": another partnership's or another
    /// agency's record, or an id that does not exist (to the user these are the same answer, on purpose).
    /// </summary>
    RecordRefused,

    /// <summary>The person chose another of their partnerships to act in (decision 0034).</summary>
    PartnershipChanged,
}

/// <summary>
/// A sign-in, a failed sign-in or a refused page (ASVS V16; NCSC 13 audit information). Saved like any record,
/// so it also lands in the chained audit trail, where each partnership's administrators see their own.
/// Never a password, a code or a cookie: who, what, where from and when.
/// </summary>
public class SecurityEvent : Entity
{
    public Guid? PartnershipId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public SecurityEventKind Kind { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>The e-mail address typed, for sign-in attempts (the account may not exist).</summary>
    public string? Email { get; set; }

    public string? Path { get; set; }

    public string? Address { get; set; }
}

public sealed class SecurityLog(ParallaxDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(SecurityEventKind kind, string? email, Guid? userId, string? path, string? address, CancellationToken ct = default, Guid? partnershipId = null)
    {
        var normalised = email?.Trim().ToUpperInvariant();
        var user = userId is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Id, u.PartnershipId }).FirstOrDefaultAsync(ct)
            : normalised is { Length: > 0 }
                ? await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalised).Select(u => new { u.Id, u.PartnershipId }).FirstOrDefaultAsync(ct)
                : null;
        db.SecurityEvents.Add(new SecurityEvent
        {
            Kind = kind, OccurredAt = clock.GetUtcNow(), UserId = user?.Id, PartnershipId = partnershipId ?? user?.PartnershipId,
            Email = email?.Trim() is { Length: > 0 and <= 256 } e ? e : null,
            Path = path is { Length: > 300 } ? path[..300] : path,
            Address = address,
        });
        await db.SaveChangesAsync(ct);
    }
}
