namespace Parallax.Core.Returns;

/// <summary>Who in the household an agency knows: the child, or one of the household members.</summary>
public class AgencyInvolvement : Entity
{
    public Guid CaseId { get; set; }

    public Guid AgencyId { get; set; }

    /// <summary>Null when the agency knows the child; otherwise the household member it knows.</summary>
    public Guid? HouseholdMemberId { get; set; }
}

public enum ReturnStatus
{
    /// <summary>Generated, not yet sent to the agency.</summary>
    Draft,
    Requested,
    InProgress,
    Submitted,
    NotKnownToAgency,
    NoReturn,
    ExtensionGranted,
}

/// <summary>One agency asked for one return on one case of an audit.</summary>
public class ReturnRequest : VersionedEntity
{
    public Guid AuditId { get; set; }

    public Guid CaseId { get; set; }

    public Guid AgencyId { get; set; }

    public ReturnStatus Status { get; set; }

    public DateOnly DueOn { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? NotKnownReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Set when the request came in an audit package (decision 0035): the package's file name and when it was made.
    /// Its return, history and queries were written by people of the installation that made the package, not of this one.
    /// </summary>
    public string? ImportedFrom { get; set; }

    /// <summary>Who imported the package here (a user's name, or "command line").</summary>
    public string? ImportedBy { get; set; }

    public DateTimeOffset? ImportedAt { get; set; }

    /// <summary>True when this status change or submission was made where the package came from, before it was imported here.</summary>
    public bool CameInPackage(DateTimeOffset? at) => ImportedAt is { } imported && at is { } when && when <= imported;
}

/// <summary>One change of a request's status, with the reason a person gave: the history the lead and the agency see.</summary>
public class ReturnStatusChange : Entity
{
    public Guid RequestId { get; set; }

    public ReturnStatus From { get; set; }

    public ReturnStatus To { get; set; }

    public string? Reason { get; set; }

    /// <summary>The new due date, for an extension.</summary>
    public DateOnly? DueOn { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
