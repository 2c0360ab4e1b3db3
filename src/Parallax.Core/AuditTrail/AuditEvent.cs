using System.Buffers;
using System.Text.Encodings.Web;

namespace Parallax.Core.AuditTrail;

/// <summary>
/// One change of one record, written in the same SaveChanges as the change itself: the record, the action, and
/// every field that changed with its value before and after, together in <see cref="Changes"/> (decision 0075).
/// Rows are only ever inserted: the interceptor refuses to update or delete them.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>User id, or "cli:NAME" for the command line, or "system".</summary>
    public required string ActorId { get; set; }

    public required string ActorName { get; set; }

    public required string Entity { get; set; }

    public required string EntityKey { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>
    /// The changed fields, a JSON array of <c>[field, before, after]</c> triples in the record's property order
    /// (null where there was no value): <c>[["Name","Testshire Schools","Testshire Schools and Colleges"]]</c>. An added
    /// record's fields are <c>[field, value]</c> pairs (there is no before), a deleted record's <c>[field, value before]</c>;
    /// an added record leaves out every field that was empty: no value, false, zero or an empty list (decision 0078).
    /// Sealed as written; read it with <see cref="Fields"/>.
    /// </summary>
    public required string Changes { get; set; }

    /// <summary>The partnership whose data changed, so each partnership's administrators see only their own trail.</summary>
    public Guid? PartnershipId { get; set; }

    /// <summary>Why the change was made, in the user's words, where they gave a reason (decision 0053); the same on every event of the change.</summary>
    public string? Reason { get; set; }

    /// <summary>Groups the events written by one SaveChanges.</summary>
    public Guid ChangeSetId { get; set; }

    /// <summary>The changed fields, each with its value before and after.</summary>
    public IReadOnlyList<AuditFieldChange> Fields() => AuditChanges.Read(Changes, Action).Select(c => new AuditFieldChange(this, c.Field, c.Old, c.New)).ToList();
}

public enum AuditAction
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One changed field of one record: its name and its value before and after (null where there was none).</summary>
public sealed record AuditChange(string Field, string? Old, string? New);

/// <summary>One changed field of an <see cref="AuditEvent"/>, with the event's who, when and what, as the trail page shows a row.</summary>
public sealed record AuditFieldChange(AuditEvent Event, string Field, string? OldValue, string? NewValue)
{
    public long Id => Event.Id;

    public DateTimeOffset OccurredAt => Event.OccurredAt;

    public string ActorId => Event.ActorId;

    public string ActorName => Event.ActorName;

    public string Entity => Event.Entity;

    public string EntityKey => Event.EntityKey;

    public AuditAction Action => Event.Action;

    public Guid? PartnershipId => Event.PartnershipId;

    public string? Reason => Event.Reason;

    public Guid ChangeSetId => Event.ChangeSetId;
}

/// <summary>Writes and reads <see cref="AuditEvent.Changes"/>.</summary>
public static class AuditChanges
{
    // Not HTML: the trail page encodes what it shows. Relaxed escaping keeps "é" and "<" as themselves, a byte or two, not six.
    private static readonly JsonWriterOptions Writing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Triples for a change; pairs of the one value there is for an added record (its value) or a deleted one (its value
    /// before), so "null" is not written once a field (decision 0078). Events written before are triples and read as such.
    /// </summary>
    public static string Write(IEnumerable<AuditChange> changes, AuditAction action = AuditAction.Modified)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Writing))
        {
            writer.WriteStartArray();
            foreach (var change in changes)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(change.Field);
                if (action != AuditAction.Added) Value(writer, change.Old);
                if (action != AuditAction.Deleted) Value(writer, change.New);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Value(Utf8JsonWriter writer, string? value)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }

    public static IReadOnlyList<AuditChange> Read(string? changes, AuditAction action = AuditAction.Modified)
    {
        if (string.IsNullOrEmpty(changes)) return [];
        var list = new List<AuditChange>();
        using var document = JsonDocument.Parse(changes);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var field = item[0].GetString() ?? "";
            if (item.GetArrayLength() == 3) list.Add(new AuditChange(field, item[1].GetString(), item[2].GetString()));
            else list.Add(action == AuditAction.Deleted ? new AuditChange(field, item[1].GetString(), null) : new AuditChange(field, null, item[1].GetString()));
        }

        return list;
    }

    /// <summary>Every changed field of these events, event by event.</summary>
    public static IEnumerable<AuditFieldChange> Fields(this IEnumerable<AuditEvent> events) => events.SelectMany(e => e.Fields());

    /// <summary>Every changed field of the events this query finds, read without tracking: narrow it by record (entity, key, action) first.</summary>
    public static async Task<List<AuditFieldChange>> FieldsAsync(this IQueryable<AuditEvent> events, CancellationToken ct = default) =>
        [.. (await events.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct)).Fields()];
}
