namespace Parallax.Core.Mail;

public enum OutboxStatus
{
    /// <summary>Waiting to be sent, or waiting for its next attempt after a failure.</summary>
    Pending,
    Sent,

    /// <summary>Given up after <see cref="MailQueue.MaxAttempts"/> attempts; an administrator can retry it.</summary>
    Failed,
}

/// <summary>
/// One e-mail in the outbox. Messages are written in the same transaction as the change that causes them
/// (a request sent, a reminder due), so none is lost if the process stops; a dispatcher sends them later.
/// Bodies name the audit, the agency and dates, never a case's details: those stay behind sign-in.
/// </summary>
public class OutboxMessage : Entity, IPartnershipOwned
{
    public Guid PartnershipId { get; set; }

    /// <summary>What caused it, e.g. "request-sent", "reminder", "overdue", "digest", "manual-reminder".</summary>
    public required string Kind { get; set; }

    /// <summary>Makes sending idempotent: a second message with the same key is never queued.</summary>
    public string? DedupeKey { get; set; }

    public Guid? AuditId { get; set; }

    public Guid? AgencyId { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>
    /// A one-time link (invitation, password reset) put in place of <see cref="MailItem.LinkPlaceholder"/> only when the
    /// message is sent, then cleared: so administrators reading the outbox and the audit trail never see it.
    /// </summary>
    public string? SecretLink { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure as one sentence, e.g. "Could not connect to smtp.example:587".</summary>
    public string? LastError { get; set; }
}
