using System.Buffers.Binary;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Parallax.Core.AuditTrail;

/// <summary>
/// The seal over one stretch of the audit trail (decision 0075): the events after <see cref="AfterEventId"/> (the
/// previous seal's last event, 0 for the first) up to <see cref="EventId"/>, hashed in id order together with the
/// previous seal's hash. Append-only, like the events.
/// </summary>
public class AuditSeal
{
    /// <summary>The last event this seal covers.</summary>
    public long EventId { get; set; }

    /// <summary>The last event of the seal before (0 for the first seal): every seal follows exactly one.</summary>
    public long AfterEventId { get; set; }

    /// <summary>How many events the seal covers, so a deleted or inserted event is named as such.</summary>
    public int Count { get; set; }

    /// <summary>HMAC-SHA-256 with the chain key (SHA-256 without one) of the previous seal's hash and every event of the stretch.</summary>
    public required string Hash { get; set; }

    public DateTimeOffset SealedAt { get; set; }

    /// <summary>The id of the chain key this seal was made with (<see cref="AuditChainKeys.Id"/>); null for a plain SHA-256 seal.</summary>
    public string? KeyId { get; set; }
}

/// <summary>What <see cref="AuditChain.VerifyAsync"/> found: how many events are sealed, the head of the chain, and every break.</summary>
public sealed record AuditChainReport(int Sealed, int Unsealed, string Head, IReadOnlyList<string> Problems, int SealedWithoutKey = 0, long HeadEventId = 0, long RecomputedAfterEventId = 0)
{
    public bool Intact => Problems.Count == 0;
}

/// <summary>
/// Chains the audit trail: the events are sealed in id order, a stretch at a time, each seal a hash of its events and
/// of the seal before it, so changing or deleting an event (or a seal) breaks its seal and is found by
/// <see cref="VerifyAsync"/> (the <c>audit-log verify</c> command). Sealing runs behind the writes (the background
/// service), not inside them, so concurrent writers on several nodes never fork the chain: only events older than
/// <see cref="Settle"/> are sealed, and a race between two sealers loses on the seal's unique predecessor.
/// Record the head printed by verify somewhere else (a ticket, the minutes) to detect the removal of the latest events too.
/// </summary>
public sealed class AuditChain(ParallaxDbContext db, TimeProvider clock, AuditChainKeys keys)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Transactions still open when a later event commits would otherwise be skipped; none lasts this long.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    /// <summary>The most events one seal covers: a broken seal names a stretch this long at most.</summary>
    public const int SealEvery = 1000;

    /// <summary>Seals every event old enough, a stretch at a time; returns how many were sealed. <paramref name="settle"/> overrides <see cref="Settle"/>.</summary>
    public async Task<int> SealAsync(TimeSpan? settle = null, CancellationToken ct = default)
    {
        var sealedCount = 0;
        var until = clock.GetUtcNow() - (settle ?? Settle);
        while (true)
        {
            var last = await db.AuditSeals.AsNoTracking().OrderByDescending(s => s.EventId).FirstOrDefaultAsync(ct);
            var lastId = last?.EventId ?? 0;
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.Id > lastId).OrderBy(e => e.Id).Take(SealEvery).ToListAsync(ct);
            events = [.. events.TakeWhile(e => e.OccurredAt <= until)];
            if (events.Count == 0) return sealedCount;
            db.AuditSeals.Add(new AuditSeal
            {
                EventId = events[^1].Id,
                AfterEventId = lastId,
                Count = events.Count,
                Hash = Hash(last?.Hash ?? Genesis, events, keys.Current),
                SealedAt = clock.GetUtcNow(),
                KeyId = keys.CurrentId,
            });

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node sealed from the same head first: its seal stands.
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
    /// Recomputes the chain from the events, streamed in id order, in parallel runs of seals; read-only.
    /// With a <paramref name="checkpoint"/>, also proves the chain still passes through it: nothing up to its event has
    /// been changed, deleted or re-sealed since. <paramref name="incremental"/> (with a checkpoint the chain still passes
    /// through) recomputes only the events after the checkpoint's: those before it were proven when it was verified last.
    /// </summary>
    public async Task<AuditChainReport> VerifyAsync(AuditCheckpoint? checkpoint = null, bool incremental = false, CancellationToken ct = default)
    {
        var problems = new List<string>();
        if (checkpoint?.KeyId is { } checkpointKeyId)
        {
            if (keys.Find(checkpointKeyId) is not { } checkpointKey)
                problems.Add($"The checkpoint was signed with chain key {checkpointKeyId}, which is not configured: its signature cannot be checked.");
            else if (checkpoint.Signature != AuditCheckpoint.Sign(checkpointKey, checkpoint.EventId, checkpoint.Head, checkpoint.WrittenAt))
                problems.Add("The checkpoint's signature does not match: the checkpoint file has been changed.");
        }

        // The seals are few (one for up to a thousand events): read them all, check how they follow one another and their keys.
        var seals = await db.AuditSeals.AsNoTracking().OrderBy(s => s.EventId).ToListAsync(ct);
        var sealKeys = new byte[]?[seals.Count];
        var checkable = new bool[seals.Count];
        var withoutKey = 0;
        long lastWithoutKey = 0;
        var sawKeyed = false;
        var checkpointAt = -1;
        for (var i = 0; i < seals.Count; i++)
        {
            var seal = seals[i];
            var after = i == 0 ? 0 : seals[i - 1].EventId;
            if (seal.AfterEventId != after)
                problems.Add($"The seal of events {Stretch(seal)} does not follow the seal before it (which ends at event {after}): seals have been removed or rewritten.");
            checkable[i] = true;
            if (seal.KeyId is null)
            {
                withoutKey += seal.Count;
                lastWithoutKey = seal.EventId;
                // Once the chain is keyed, a plain seal after a keyed one is someone re-sealing without the key.
                if (sawKeyed) problems.Add($"Events {Stretch(seal)} are sealed without the chain key although earlier events were sealed with it: the seals have been rewritten.");
            }
            else if ((sealKeys[i] = keys.Find(seal.KeyId)) is null)
            {
                problems.Add($"Events {Stretch(seal)} were sealed with chain key {seal.KeyId}, which is not configured: set it as the key or among the previous keys to verify.");
                sawKeyed = true;
                checkable[i] = false;
            }
            else
            {
                sawKeyed = true;
            }

            if (checkpoint is not null && seal.EventId == checkpoint.EventId)
            {
                checkpointAt = i;
                if (seal.Hash != checkpoint.Head)
                    problems.Add($"The chain no longer passes through the checkpoint at event {checkpoint.EventId} ({checkpoint.WrittenAt:yyyy-MM-dd HH:mm} UTC): events up to it have been changed or re-sealed since.");
            }
        }

        if (checkpoint is not null && checkpointAt < 0)
            problems.Add($"The checkpoint's event {checkpoint.EventId} is no longer sealed: events up to it have been deleted or re-sealed since.");

        // Incremental only from a checkpoint the chain still passes through, signed as it should be; from the start otherwise.
        var first = incremental && checkpointAt >= 0 && problems.Count == 0 ? checkpointAt + 1 : 0;
        var from = first == 0 ? 0 : seals[first - 1].EventId;
        problems.AddRange(await RecomputeAsync(seals, sealKeys, checkable, first, ct));

        // Plain seals prove nothing against whoever holds the database (they can recompute them): with a key set,
        // they stand only under a checkpoint kept elsewhere, taken when the key was set.
        if (keys.Keyed && withoutKey > 0 && !(checkpointAt >= 0 && checkpoint!.EventId >= lastWithoutKey))
            problems.Add($"{withoutKey} events (up to event {lastWithoutKey}) are sealed without the chain key and no checkpoint covers them: whoever holds the database could have rewritten and sealed them again. Verify with the checkpoint taken when the key was set.");
        var head = seals.Count == 0 ? null : seals[^1];
        var headId = head?.EventId ?? 0;
        var unsealed = await db.AuditEvents.CountAsync(e => e.Id > headId, ct);
        return new AuditChainReport(seals.Sum(s => s.Count), unsealed, head?.Hash ?? Genesis, problems, withoutKey, headId, from);
    }

    private static string Stretch(AuditSeal seal) => $"{seal.AfterEventId + 1} to {seal.EventId}";

    /// <summary>
    /// Recomputes the seals from <paramref name="first"/> on: their stretches are split into as many runs of seals as there
    /// are cores, each streamed once in id order, without tracking, on its own connection, and hashed as it is read.
    /// The problems come back in chain order.
    /// </summary>
    private async Task<List<string>> RecomputeAsync(List<AuditSeal> seals, byte[]?[] sealKeys, bool[] checkable, int first, CancellationToken ct)
    {
        if (first >= seals.Count) return [];
        var total = seals.Skip(first).Sum(s => (long)s.Count);
        var options = db.GetService<IDbContextOptions>() as DbContextOptions<ParallaxDbContext>;
        var parts = options is null ? 1 : (int)Math.Clamp(Math.Min(Environment.ProcessorCount, seals.Count - first), 1, 8);
        var runs = new List<(int First, int Last)>();
        var start = first;
        long counted = 0;
        for (var i = first; i < seals.Count; i++)
        {
            counted += seals[i].Count;
            if (i == seals.Count - 1 || counted >= total * (runs.Count + 1) / parts)
            {
                runs.Add((start, i));
                start = i + 1;
            }
        }

        var results = await Task.WhenAll(runs.Select(run => Task.Run(async () =>
        {
            if (runs.Count == 1) return await RecomputeRunAsync(db, seals, sealKeys, checkable, run.First, run.Last, ct);
            await using var reader = new ParallaxDbContext(options!);
            return await RecomputeRunAsync(reader, seals, sealKeys, checkable, run.First, run.Last, ct);
        }, ct)));
        return [.. results.SelectMany(r => r)];
    }

    // Only the columns the seal covers, in the order it hashes them.
    private const string StretchQuery = """
        SELECT "Id", "OccurredAt", "ActorId", "ActorName", "Entity", "EntityKey", "Action", "Changes", "PartnershipId", "ChangeSetId", "Reason"
        FROM "AuditEvents" WHERE "Id" > @from AND "Id" <= @to ORDER BY "Id"
        """;

    /// <summary>
    /// Streams one run's events with a plain data reader (no entities, no change tracking, only the sealed columns) and
    /// hashes each stretch as its rows arrive, into one reused buffer: nothing is kept per event once it is hashed.
    /// </summary>
    private static async Task<List<string>> RecomputeRunAsync(ParallaxDbContext reader, List<AuditSeal> seals, byte[]?[] sealKeys, bool[] checkable, int first, int last, CancellationToken ct)
    {
        var problems = new List<string>();
        var from = first == 0 ? 0 : seals[first - 1].EventId;
        var to = seals[last].EventId;
        var index = first;
        var buffer = new byte[4096];
        var length = 0;
        var count = 0;
        IncrementalHash? hash = null;

        // What the model stores the time and the action as (binary ticks on SQLite, text for the action), read back as EF would.
        var type = reader.Model.FindEntityType(typeof(AuditEvent))!;
        var occurredAt = type.FindProperty(nameof(AuditEvent.OccurredAt))!.GetTypeMapping().Converter;
        var action = type.FindProperty(nameof(AuditEvent.Action))!.GetTypeMapping().Converter;

        void Open()
        {
            hash = sealKeys[index] is { } key ? IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key) : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Text(ref buffer, ref length, "parallax audit seal 2");
            Text(ref buffer, ref length, index == 0 ? Genesis : seals[index - 1].Hash);
            hash.AppendData(buffer, 0, length);
            length = 0;
            count = 0;
        }

        void Close()
        {
            var seal = seals[index];
            if (checkable[index] && Check(seal, count, hash!) is { } problem) problems.Add(problem);
            hash!.Dispose();
            index++;
            if (index <= last) Open();
        }

        Open();
        var connection = reader.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = StretchQuery;
            command.Transaction = reader.Database.CurrentTransaction?.GetDbTransaction();
            Parameter(command, "@from", from);
            Parameter(command, "@to", to);
            await using var rows = await command.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                var id = rows.GetInt64(0);
                while (id > seals[index].EventId) Close();
                var at = occurredAt is null ? rows.GetFieldValue<DateTimeOffset>(1) : (DateTimeOffset)occurredAt.ConvertFromProvider(rows.GetValue(1))!;
                var kind = action is null ? (AuditAction)rows.GetInt32(6) : (AuditAction)action.ConvertFromProvider(rows.GetValue(6))!;
                Event(ref buffer, ref length, id, at.UtcTicks, rows.GetString(2), rows.GetString(3), rows.GetString(4), rows.GetString(5), kind, rows.GetString(7),
                    rows.IsDBNull(8) ? null : rows.GetGuid(8), rows.GetGuid(9), rows.IsDBNull(10) ? null : rows.GetString(10));
                hash!.AppendData(buffer, 0, length);
                length = 0;
                count++;
            }
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }

        while (index <= last) Close();
        return problems;
    }

    private static void Parameter(System.Data.Common.DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string? Check(AuditSeal seal, int count, IncrementalHash hash)
    {
        if (count < seal.Count)
            return $"{seal.Count - count} of the {seal.Count} events sealed from event {Stretch(seal)} {(seal.Count - count == 1 ? "is" : "are")} missing: deleted since.";
        if (count > seal.Count)
            return $"{count - seal.Count} of the {count} events from event {Stretch(seal)} were not sealed with the others: they were written after the seal, or inserted since.";
        return Convert.ToHexStringLower(hash.GetHashAndReset()) == seal.Hash
            ? null
            : $"Events {Stretch(seal)} do not match their seal: one of them, or the seal before them, has been changed.";
    }

    /// <summary>
    /// HMAC-SHA-256 with the chain key (plain SHA-256 without one) over the previous seal's hash and every field of
    /// every event, in order, each field length-prefixed so no two stretches can read the same.
    /// </summary>
    public static string Hash(string previous, IReadOnlyList<AuditEvent> events, byte[]? key = null)
    {
        using var hash = key is null ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        var buffer = new byte[1024];
        var length = 0;
        Text(ref buffer, ref length, "parallax audit seal 2");
        Text(ref buffer, ref length, previous);
        foreach (var e in events)
        {
            Event(ref buffer, ref length, e.Id, e.OccurredAt.UtcTicks, e.ActorId, e.ActorName, e.Entity, e.EntityKey, e.Action, e.Changes, e.PartnershipId, e.ChangeSetId, e.Reason);
            hash.AppendData(buffer, 0, length);
            length = 0;
        }

        hash.AppendData(buffer, 0, length);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // One event's sealed fields, in the seal's order: the sealer (from entities) and verify (from rows) share it.
    private static void Event(ref byte[] buffer, ref int length, long id, long utcTicks, string actorId, string actorName, string entity, string entityKey,
        AuditAction action, string changes, Guid? partnershipId, Guid changeSetId, string? reason)
    {
        Number(ref buffer, ref length, id);
        Number(ref buffer, ref length, utcTicks);
        Text(ref buffer, ref length, actorId);
        Text(ref buffer, ref length, actorName);
        Text(ref buffer, ref length, entity);
        Text(ref buffer, ref length, entityKey);
        Number(ref buffer, ref length, (long)action);
        Text(ref buffer, ref length, changes);
        Id(ref buffer, ref length, partnershipId);
        Id(ref buffer, ref length, changeSetId);
        Text(ref buffer, ref length, reason);
    }

    private static void Number(ref byte[] buffer, ref int length, long value)
    {
        Room(ref buffer, length, 8);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(length), value);
        length += 8;
    }

    private static void Id(ref byte[] buffer, ref int length, Guid? value)
    {
        Room(ref buffer, length, 20);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(length), value is null ? -1 : 16);
        length += 4;
        if (value is { } id && id.TryWriteBytes(buffer.AsSpan(length))) length += 16;
    }

    // The UTF-8 length (-1 for null), then the bytes: "ab" + "c" never reads as "a" + "bc". Encoded once, behind room for the length.
    private static void Text(ref byte[] buffer, ref int length, string? value)
    {
        if (value is null)
        {
            Room(ref buffer, length, 4);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(length), -1);
            length += 4;
            return;
        }

        Room(ref buffer, length, 4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var size = Encoding.UTF8.GetBytes(value, buffer.AsSpan(length + 4));
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(length), size);
        length += 4 + size;
    }

    private static void Room(ref byte[] buffer, int length, int more)
    {
        if (length + more <= buffer.Length) return;
        Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + more));
    }
}
