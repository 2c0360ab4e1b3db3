namespace Parallax.Core.AuditTrail;

/// <summary>
/// One changed field of one record, written in the same SaveChanges as the change itself.
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

    public string? Field { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    /// <summary>The partnership whose data changed, so each partnership's administrators see only their own trail.</summary>
    public Guid? PartnershipId { get; set; }

    /// <summary>Why the change was made, in the user's words, where they gave a reason (decision 0053); the same on every row of the change.</summary>
    public string? Reason { get; set; }

    /// <summary>Groups the rows written by one SaveChanges.</summary>
    public Guid ChangeSetId { get; set; }
}

public enum AuditAction
{
    Added,
    Modified,
    Deleted,
}
