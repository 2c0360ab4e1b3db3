namespace Parallax.Core.Returns;

public enum QueryStatus
{
    /// <summary>Raised; waiting for the agency.</summary>
    Open,

    /// <summary>The agency replied; waiting for whoever raised it to close it (or ask again).</summary>
    Answered,
    Closed,
}

/// <summary>A question the lead or a panel member asks an agency about one answer of its submitted return.</summary>
public class ReturnQuery : VersionedEntity
{
    public Guid RequestId { get; set; }

    /// <summary>The question's code, or null for the return as a whole.</summary>
    public string? QuestionCode { get; set; }

    public QueryStatus Status { get; set; }

    /// <summary>The user who raised it; <see cref="Guid.Empty"/> for a query imported from another installation, whose author is not a user here.</summary>
    public Guid RaisedById { get; set; }

    public required string RaisedBy { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public List<ReturnQueryMessage> Messages { get; set; } = [];

    /// <summary>Whoever raised a query follows it up and closes it; an imported query, whose author is not a user here, falls to the audit leads.</summary>
    public bool IsOwnedBy(Users.Caller caller) => RaisedById == caller.UserId || (RaisedById == Guid.Empty && caller.IsLead);
}

/// <summary>One message of a query's conversation: the question, each reply, each follow-up. Kept with the return.</summary>
public class ReturnQueryMessage : Entity
{
    public Guid QueryId { get; set; }

    public required string Text { get; set; }

    public required string By { get; set; }

    /// <summary>True when the agency wrote it.</summary>
    public bool FromAgency { get; set; }

    public DateTimeOffset At { get; set; }
}
