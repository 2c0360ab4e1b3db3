using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Parallax.Core.AuditTrail;

/// <summary>
/// Writes an <see cref="AuditEvent"/> for every inserted, updated or deleted record of domain data, with its changed fields,
/// into the same SaveChanges, so a change and its record commit or fail together. Also renews the
/// concurrency token of <see cref="IVersioned"/> entities.
/// </summary>
public sealed class AuditTrailInterceptor(IAuditActorAccessor actors, TimeProvider clock) : SaveChangesInterceptor
{
    public const string Redacted = "[redacted]";

    /// <summary>The longest reason a user can give for a change (the request's status change keeps the same limit).</summary>
    public const int MaxReasonLength = 1000;

    // Secrets and bookkeeping that must never be copied into the trail.
    public const string RemovedUnderRetention = "[removed under the retention rule]";

    private static readonly AsyncLocal<bool> Retaining = new();

    /// <summary>
    /// While the returned scope lasts, text changed on this flow is recorded without its old value: the retention
    /// rule removes narrative, and copying it into the trail as it goes would keep what the rule removes.
    /// </summary>
    public static IDisposable RemovingUnderRetention()
    {
        Retaining.Value = true;
        return new RetentionScope();
    }

    private sealed class RetentionScope : IDisposable
    {
        public void Dispose() => Retaining.Value = false;
    }

    // Secrets, named by entity and field: a bare field name ("Value") would also hide every answer to a question.
    private static readonly HashSet<(string Entity, string Field)> RedactedFields =
    [
        ("ParallaxUser", "PasswordHash"), ("ParallaxUser", "SecurityStamp"),
        ("IdentityUserToken", "Value") /* authenticator keys, recovery codes */,
        ("IdentityUserClaim", "ClaimValue"), ("IdentityRoleClaim", "ClaimValue"),
        ("DataProtectionKey", "Xml") /* the key material itself */,
        ("OutboxMessage", "SecretLink") /* a one-time invitation or password-reset link */, ("OneTimeLink", "TokenHash"),
    ];

    /// <summary>Whether a field's values are kept out of the trail.</summary>
    public static bool IsRedacted(string entity, string field) => RedactedFields.Contains((entity, field));

    private static readonly HashSet<string> IgnoredFields = new(StringComparer.Ordinal)
    {
        "ConcurrencyStamp", nameof(IVersioned.Version), "NormalizedEmail", "NormalizedUserName", "NormalizedName",
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        // Synchronous all the way down: the owner look-ups use Find, not FindAsync, on this path.
        if (eventData.Context is not null) RecordAsync(eventData.Context, synchronous: true, default).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not null) await RecordAsync(eventData.Context, synchronous: false, cancellationToken);
        return result;
    }

    private async ValueTask RecordAsync(DbContext context, bool synchronous, CancellationToken ct)
    {
        var owners = new PartnershipOwners(context, synchronous, ct);
        context.ChangeTracker.DetectChanges();
        var actor = actors.Current;
        var now = clock.GetUtcNow();
        var changeSet = Guid.CreateVersion7();
        var events = new List<AuditEvent>();
        var reason = (context as Data.ParallaxDbContext)?.AuditReason;

        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is AuditEvent or AuditSeal)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                    throw new InvalidOperationException("The audit trail is append-only: its records cannot be changed or deleted.");
                continue;
            }

            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.State == EntityState.Modified && entry.Entity is IVersioned versioned) versioned.Version = Guid.NewGuid();

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Added,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Modified,
            };

            var partnershipId = await owners.OfAsync(entry) ?? actor.PartnershipId;
            var entity = EntityName(entry);
            var changes = new List<AuditChange>();
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                // The same limit on both providers: SQLite would keep any length, PostgreSQL refuses past the column's.
                if (action != AuditAction.Deleted && property.CurrentValue is string text && property.Metadata.GetMaxLength() is { } max && text.Length > max)
                    throw new DomainException(TextLimits.TooLong($"The {Words(name)} of this {Words(entity)}", max, text.Length));
                // A key is the record's name, not a field; but a link made of its keys (a person's role, a case in a sample)
                // records its links when it is added or removed, or the trail would not say it happened.
                if (IgnoredFields.Contains(name) || (property.Metadata.IsPrimaryKey() && (action == AuditAction.Modified || !property.Metadata.IsForeignKey()))) continue;

                string? oldValue = action == AuditAction.Added ? null : Format(property.OriginalValue);
                string? newValue = action == AuditAction.Deleted ? null : Format(property.CurrentValue);
                if (action == AuditAction.Modified && (!property.IsModified || oldValue == newValue)) continue;
                if (action != AuditAction.Modified && oldValue is null && newValue is null) continue;
                // An added record's empty fields are left out, as a field with no value always was: what is not listed was empty (decision 0078).
                if (action == AuditAction.Added && IsEmpty(property.CurrentValue)) continue;

                if (Retaining.Value && action == AuditAction.Modified && property.Metadata.ClrType == typeof(string))
                    oldValue = oldValue is null ? null : RemovedUnderRetention;

                if (IsRedacted(entity, name))
                {
                    oldValue = oldValue is null ? null : Redacted;
                    newValue = newValue is null ? null : Redacted;
                }

                changes.Add(new AuditChange(name, oldValue, newValue));
            }

            // One event per changed record, its changed fields together (decision 0075).
            if (changes.Count == 0) continue;
            events.Add(new AuditEvent
            {
                OccurredAt = now,
                ActorId = actor.Id,
                ActorName = actor.Name,
                Entity = entity,
                EntityKey = Key(entry),
                Action = action,
                Changes = AuditChanges.Write(changes, action),
                PartnershipId = partnershipId,
                Reason = reason,
                ChangeSetId = changeSet,
            });
        }

        context.Set<AuditEvent>().AddRange(events);
    }

    /// <summary>False, zero or an empty list: what an added record's field holds when nothing was given for it (decision 0078). Not an empty text, a date or a choice.</summary>
    internal static bool IsEmpty(object? value) => value switch
    {
        bool flag => !flag,
        int or long or short or byte or decimal or double or float => Convert.ToDecimal(value, CultureInfo.InvariantCulture) == 0m,
        string or byte[] => false,
        System.Collections.IEnumerable list => !list.GetEnumerator().MoveNext(),
        _ => false,
    };

    /// <summary>"ReturnAnswer" as "return answer", for sentences.</summary>
    internal static string Words(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();

    private static string EntityName(EntityEntry entry)
    {
        var type = entry.Metadata.ClrType;
        return type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name;
    }

    private static string Key(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null) return "";
        return string.Join(",", key.Properties.Select(p =>
        {
            var property = entry.Property(p.Name);
            return property.IsTemporary ? "(new)" : Format(property.CurrentValue ?? property.OriginalValue) ?? "";
        }));
    }

    /// <summary>Values longer than this (a generated report, a file) are recorded by size and SHA-256, not copied.</summary>
    internal const int MaxRecordedLength = 10_000;

    internal static string? Format(object? value) => value switch
    {
        null => null,
        string text when text.Length <= MaxRecordedLength => text,
        byte[] bytes => Fingerprint(bytes.Length, "bytes", bytes),
        string { Length: > MaxRecordedLength } text => Fingerprint(text.Length, "characters", System.Text.Encoding.UTF8.GetBytes(text)),
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        // A list (a multiple-choice answer) is recorded as its values, a JSON array, not as its type's name.
        System.Collections.IEnumerable list => System.Text.Json.JsonSerializer.Serialize(list.Cast<object?>().Select(v => v is string text ? text : Format(v))),
        _ => value.ToString(),
    };

    private static string Fingerprint(int length, string unit, byte[] content) =>
        $"{length.ToString("N0", CultureInfo.InvariantCulture)} {unit}, SHA-256 {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content))}";
}
