namespace Parallax.Core.Returns;

/// <summary>Who in the household an agency knows: the child, or one of the household members.</summary>
public class AgencyInvolvement
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

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
public class ReturnRequest : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid AuditId { get; set; }

    public Guid CaseId { get; set; }

    public Guid AgencyId { get; set; }

    public ReturnStatus Status { get; set; }

    public DateOnly DueOn { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? NotKnownReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
