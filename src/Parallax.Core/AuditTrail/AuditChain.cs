using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Data;

namespace Parallax.Core.AuditTrail;

/// <summary>The hash that seals one audit event: HMAC-SHA-256 (with the chain key) of the previous seal and the event's content. Append-only, like the events.</summary>
public class AuditSeal
{
    public long EventId { get; set; }

    public required string Hash { get; set; }

    public DateTimeOffset SealedAt { get; set; }

    /// <summary>The id of the chain key this seal was made with (<see cref="AuditChainKeys.Id"/>); null for a plain SHA-256 seal.</summary>
    public string? KeyId { get; set; }
}

/// <summary>What <see cref="AuditChain.VerifyAsync"/> found: how many events are sealed, the head of the chain, and every break.</summary>
public sealed record AuditChainReport(int Sealed, int Unsealed, string Head, IReadOnlyList<string> Problems, int SealedWithoutKey = 0, long HeadEventId = 0)
{
    public bool Intact => Problems.Count == 0;
}

/// <summary>
/// Chains the audit trail: each event is sealed, in id order, with a hash of its content and of the
/// seal before it, so changing or deleting an event (or a seal) breaks every later seal and is found by
/// <see cref="VerifyAsync"/> (the <c>audit-log verify</c> command). Sealing runs behind the writes (the
/// background service), not inside them, so concurrent writers on several nodes never fork the chain: only
/// events older than <see cref="Settle"/> are sealed, and a race between two sealers loses on the seal's key.
/// Record the head printed by verify somewhere else (a ticket, the minutes) to detect the removal of the latest events too.
/// </summary>
public sealed class AuditChain(ParallaxDbContext db, TimeProvider clock, AuditChainKeys keys)
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
                previous = Hash(previous, e, keys.Current);
                db.AuditSeals.Add(new AuditSeal { EventId = e.Id, Hash = previous, SealedAt = now, KeyId = keys.CurrentId });
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

    /// <summary>The head of the sealed chain as a checkpoint, signed with the current key when there is one.</summary>
    public async Task<AuditCheckpoint> CheckpointAsync(CancellationToken ct = default)
    {
        var last = await db.AuditSeals.AsNoTracking().OrderByDescending(s => s.EventId).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("No audit event is sealed yet: run `audit-log seal` first.");
        var at = clock.GetUtcNow();
        return new AuditCheckpoint(last.EventId, last.Hash, at, keys.CurrentId, keys.Current is null ? null : AuditCheckpoint.Sign(keys.Current, last.EventId, last.Hash, at));
    }

    /// <summary>
    /// Recomputes the whole chain from the events; read-only. With a <paramref name="checkpoint"/>, also proves the
    /// chain still passes through it: nothing up to its event has been changed, deleted or re-sealed since.
    /// </summary>
    public async Task<AuditChainReport> VerifyAsync(AuditCheckpoint? checkpoint = null, CancellationToken ct = default)
    {
        var problems = new List<string>();
        var previous = Genesis;
        var count = 0;
        var withoutKey = 0;
        var sawKeyed = false;
        var checkpointFound = false;
        long lastWithoutKey = 0;
        long lastId = 0;
        if (checkpoint?.KeyId is { } checkpointKeyId)
        {
            if (keys.Find(checkpointKeyId) is not { } checkpointKey)
                problems.Add($"The checkpoint was signed with chain key {checkpointKeyId}, which is not configured: its signature cannot be checked.");
            else if (checkpoint.Signature != AuditCheckpoint.Sign(checkpointKey, checkpoint.EventId, checkpoint.Head, checkpoint.WrittenAt))
                problems.Add("The checkpoint's signature does not match: the checkpoint file has been changed.");
        }

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

                byte[]? key = null;
                if (seal.KeyId is null)
                {
                    withoutKey++;
                    lastWithoutKey = seal.EventId;
                    // Once the chain is keyed, a plain seal after a keyed one is someone re-sealing without the key.
                    if (sawKeyed) problems.Add($"Event {seal.EventId} is sealed without the chain key although earlier events were sealed with it: the seals have been rewritten.");
                }
                else if ((key = keys.Find(seal.KeyId)) is null)
                {
                    problems.Add($"Event {seal.EventId} was sealed with chain key {seal.KeyId}, which is not configured: set it as the key or among the previous keys to verify.");
                    sawKeyed = true;
                    previous = seal.Hash;
                    count++;
                    continue;
                }
                else
                {
                    sawKeyed = true;
                }

                if (Hash(previous, e, key) != seal.Hash)
                    problems.Add($"Event {seal.EventId} does not match its seal: the event, or the seal before it, has been changed.");

                if (checkpoint is not null && seal.EventId == checkpoint.EventId)
                {
                    checkpointFound = true;
                    if (seal.Hash != checkpoint.Head)
                        problems.Add($"The chain no longer passes through the checkpoint at event {checkpoint.EventId} ({checkpoint.WrittenAt:yyyy-MM-dd HH:mm} UTC): events up to it have been changed or re-sealed since.");
                }

                previous = seal.Hash;
                count++;
            }

            lastId = seals[^1].EventId;
        }

        if (checkpoint is not null && !checkpointFound)
            problems.Add($"The checkpoint's event {checkpoint.EventId} is no longer sealed: events up to it have been deleted or re-sealed since.");
        // Plain seals prove nothing against whoever holds the database (they can recompute them): with a key set,
        // they stand only under a checkpoint kept elsewhere, taken when the key was set.
        if (keys.Keyed && withoutKey > 0 && !(checkpointFound && checkpoint!.EventId >= lastWithoutKey))
            problems.Add($"{withoutKey} events (up to event {lastWithoutKey}) are sealed without the chain key and no checkpoint covers them: whoever holds the database could have rewritten and sealed them again. Verify with the checkpoint taken when the key was set.");
        var unsealed = await db.AuditEvents.CountAsync(e => e.Id > lastId, ct);
        return new AuditChainReport(count, unsealed, previous, problems, withoutKey, lastId);
    }

    /// <summary>
    /// HMAC-SHA-256 with the chain key (plain SHA-256 without one) over the previous seal and every field of the
    /// event, each length-prefixed so no two events can read the same.
    /// </summary>
    public static string Hash(string previous, AuditEvent e, byte[]? key = null)
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

        // Added with the reason (decision 0053): an event without one hashes as it always did.
        if (e.Reason is not null) text.Append("|r").Append(e.Reason.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(e.Reason);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return Convert.ToHexStringLower(key is null ? SHA256.HashData(bytes) : HMACSHA256.HashData(key, bytes));
    }
}
