using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Data;

namespace Parallax.Core.AuditTrail;

/// <summary>The hash that seals one audit event: SHA-256 of the previous seal and the event's content. Append-only, like the events.</summary>
public class AuditSeal
{
    public long EventId { get; set; }

    public required string Hash { get; set; }

    public DateTimeOffset SealedAt { get; set; }
}

/// <summary>What <see cref="AuditChain.VerifyAsync"/> found: how many events are sealed, the head of the chain, and every break.</summary>
public sealed record AuditChainReport(int Sealed, int Unsealed, string Head, IReadOnlyList<string> Problems)
{
    public bool Intact => Problems.Count == 0;
}

/// <summary>
/// Chains the audit trail (issue 9): each event is sealed, in id order, with a hash of its content and of the
/// seal before it, so changing or deleting an event (or a seal) breaks every later seal and is found by
/// <see cref="VerifyAsync"/> (the <c>audit-log verify</c> command). Sealing runs behind the writes (the
/// background service), not inside them, so concurrent writers on several nodes never fork the chain: only
/// events older than <see cref="Settle"/> are sealed, and a race between two sealers loses on the seal's key.
/// Record the head printed by verify somewhere else (a ticket, the minutes) to detect the removal of the latest events too.
/// </summary>
public sealed class AuditChain(ParallaxDbContext db, TimeProvider clock)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Transactions still open when a later event commits would otherwise be skipped; none lasts this long.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    private const int Batch = 2000;

    /// <summary>Seals every event old enough, in batches; returns how many were sealed. <paramref name="settle"/> overrides <see cref="Settle"/>.</summary>
    public async Task<int> SealAsync(TimeSpan? settle = null, CancellationToken ct = default)
    {
        var sealedCount = 0;
        var until = clock.GetUtcNow() - (settle ?? Settle);
        while (true)
        {
            var last = await db.AuditSeals.AsNoTracking().OrderByDescending(s => s.EventId).FirstOrDefaultAsync(ct);
            var lastId = last?.EventId ?? 0;
            var previous = last?.Hash ?? Genesis;
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.Id > lastId).OrderBy(e => e.Id).Take(Batch).ToListAsync(ct);
            events = [.. events.TakeWhile(e => e.OccurredAt <= until)];
            if (events.Count == 0) return sealedCount;
            var now = clock.GetUtcNow();
            foreach (var e in events)
            {
                previous = Hash(previous, e);
                db.AuditSeals.Add(new AuditSeal { EventId = e.Id, Hash = previous, SealedAt = now });
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node sealed these first: its seals stand.
                db.ChangeTracker.Clear();
                return sealedCount;
            }

            db.ChangeTracker.Clear();
            sealedCount += events.Count;
        }
    }

    /// <summary>Recomputes the whole chain from the events; read-only.</summary>
    public async Task<AuditChainReport> VerifyAsync(CancellationToken ct = default)
    {
        var problems = new List<string>();
        var previous = Genesis;
        var count = 0;
        long lastId = 0;
        while (true)
        {
            var seals = await db.AuditSeals.AsNoTracking().Where(s => s.EventId > lastId).OrderBy(s => s.EventId).Take(Batch).ToListAsync(ct);
            if (seals.Count == 0) break;
            var ids = seals.Select(s => s.EventId).ToList();
            var events = await db.AuditEvents.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            var lastInBatch = ids[^1];
            var unsealedBetween = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Id > lastId && e.Id < lastInBatch && !ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
            problems.AddRange(unsealedBetween.Select(id => $"Event {id} is not sealed although later events are: it was written after them or its seal was removed."));
            foreach (var seal in seals)
            {
                if (!events.TryGetValue(seal.EventId, out var e))
                {
                    problems.Add($"Event {seal.EventId} was sealed but is missing: it has been deleted.");
                    previous = seal.Hash;
                    continue;
                }

                if (Hash(previous, e) != seal.Hash)
                    problems.Add($"Event {seal.EventId} does not match its seal: the event, or the seal before it, has been changed.");

                previous = seal.Hash;
                count++;
            }

            lastId = seals[^1].EventId;
        }

        var unsealed = await db.AuditEvents.CountAsync(e => e.Id > lastId, ct);
        return new AuditChainReport(count, unsealed, previous, problems);
    }

    /// <summary>SHA-256 over the previous seal and every field of the event, each length-prefixed so no two events can read the same.</summary>
    public static string Hash(string previous, AuditEvent e)
    {
        var text = new StringBuilder(previous);
        foreach (var field in new string?[]
                 {
                     e.Id.ToString(CultureInfo.InvariantCulture), e.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture), e.ActorId, e.ActorName, e.Entity, e.EntityKey,
                     e.Action.ToString(), e.Field, e.OldValue, e.NewValue, e.PartnershipId?.ToString(), e.ChangeSetId.ToString(),
                 })
        {
            text.Append('|').Append(field is null ? "-1" : field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
