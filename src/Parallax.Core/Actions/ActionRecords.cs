namespace Parallax.Core.Actions;

public enum Addressee
{
    Partnership,

    /// <summary>A partnership group or sub-group, named in <see cref="Recommendation.AddresseeGroup"/>.</summary>
    Group,

    Agency,
}

public enum Priority
{
    High,
    Medium,
    Low,
}

/// <summary>A recommendation of an audit ("In order to ..., X to ..."), addressed to the partnership, a group or one agency.</summary>
public class Recommendation : VersionedEntity, IPartnershipOwned
{
    public Guid PartnershipId { get; set; }

    /// <summary>The audit it came from; null for a practice review's recommendation.</summary>
    public Guid? AuditId { get; set; }

    /// <summary>The practice review it came from, when it did.</summary>
    public Guid? ReviewId { get; set; }

    /// <summary>Numbered within its audit: Recommendation 1, 2...</summary>
    public int Number { get; set; }

    public required string Text { get; set; }

    public Addressee Addressee { get; set; }

    public string? AddresseeGroup { get; set; }

    public Guid? AddresseeAgencyId { get; set; }

    public Priority Priority { get; set; } = Priority.Medium;

    /// <summary>The findings that support it.</summary>
    public List<Guid> FindingIds { get; set; } = [];

    /// <summary>The cases it draws on.</summary>
    public List<Guid> CaseIds { get; set; } = [];

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The progress an action's owner reports. Overdue is not stored: it is worked out from the due date (<see cref="ActionPlans.StateOf"/>).</summary>
public enum ActionProgress
{
    NotStarted,
    OnTrack,
    AtRisk,
    Complete,

    /// <summary>Closed by the lead, with evidence: the only way an action is finished for good.</summary>
    Closed,
}

/// <summary>A SMART action for one recommendation: who (agency and named owner), what, how success is measured, by when.</summary>
public class PlanAction : VersionedEntity, IPartnershipOwned
{
    public Guid PartnershipId { get; set; }

    public Guid RecommendationId { get; set; }

    public Guid OwnerAgencyId { get; set; }

    /// <summary>The named owner: a user of the owner agency.</summary>
    public Guid? OwnerUserId { get; set; }

    public required string What { get; set; }

    public required string Measure { get; set; }

    public DateOnly DueOn { get; set; }

    public ActionProgress Progress { get; set; }

    /// <summary>When the owner first reported it complete (or the lead closed it): learning over time asks whether a theme recurred after this.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    public string? ClosedBy { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One dated progress report on an action, with its evidence: text, links and files.</summary>
public class ActionUpdate : Entity
{
    public Guid ActionId { get; set; }

    public ActionProgress Progress { get; set; }

    public required string Note { get; set; }

    /// <summary>Links to evidence held elsewhere (a policy on the intranet, minutes).</summary>
    public List<string> Links { get; set; } = [];

    public required string By { get; set; }

    public DateTimeOffset At { get; set; }

    public List<EvidenceFile> Files { get; set; } = [];
}

/// <summary>A file given as evidence, kept in the database with the update it belongs to.</summary>
public class EvidenceFile : Entity
{
    public Guid UpdateId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>What the virus scan said: "not scanned" when no scanner is configured.</summary>
    public required string ScanResult { get; set; }
}
