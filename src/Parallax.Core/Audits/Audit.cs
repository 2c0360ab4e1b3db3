namespace Parallax.Core.Audits;

/// <summary>The stages of a multi-agency case audit, in order.</summary>
public enum AuditStatus
{
    Planning,
    ReturnsOpen,
    Panel,
    Reporting,
    Actions,
    Closed,
}

/// <summary>One multi-agency case audit and its terms of reference.</summary>
public class Audit : VersionedEntity, IPartnershipOwned
{
    public Guid PartnershipId { get; set; }

    public required string Title { get; set; }

    /// <summary>The theme, e.g. "Domestic abuse: the voice of the child".</summary>
    public required string Theme { get; set; }

    /// <summary>Where the theme came from, e.g. "Rapid Review themes, March" or "JTAI preparation".</summary>
    public string? ThemeSource { get; set; }

    public string? TermsOfReference { get; set; }

    public Guid ToolVersionId { get; set; }

    public ToolVersion? ToolVersion { get; set; }

    /// <summary>The lookback rule agencies apply, e.g. "the last 6 months of your agency's involvement".</summary>
    public string? LookbackRule { get; set; }

    public int? SampleSizeTarget { get; set; }

    /// <summary>Where the sample was drawn from ("cases open to the Domestic Abuse Hub and to children's social care …"), for the report's methodology.</summary>
    public string? SampleSource { get; set; }

    public DateOnly RequestsSentOn { get; set; }

    /// <summary>Working days agencies have to return, counted from the day requests are sent.</summary>
    public int ReturnWorkingDays { get; set; }

    public DateOnly ReturnsDueOn { get; set; }

    public DateOnly? PanelOn { get; set; }

    /// <summary>Agencies with returns still open are reminded this many working days before they are due.</summary>
    public int ReminderWorkingDays { get; set; } = 2;

    /// <summary>Who may read a case's compiled returns ahead of the panel.</summary>
    public Panels.CollationAccess CollationAccess { get; set; }

    public AuditStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>For a dip sample: the recommendation whose follow-through it checks.</summary>
    public Guid? DipSampleOfRecommendationId { get; set; }

    /// <summary>The practice review whose themes the audit tests, when it was created from one.</summary>
    public Guid? ReviewId { get; set; }
}
