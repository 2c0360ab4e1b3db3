namespace Parallax.Core.Panels;

/// <summary>Who may read the compiled returns of a case before the panel.</summary>
public enum CollationAccess
{
    /// <summary>After the returns deadline, panel members and the agencies that returned on a case can read that case's compiled returns.</summary>
    AfterDeadline,

    /// <summary>Only the audit leads and panel members, at any time; agencies never see each other's returns.</summary>
    LeadsAndPanelOnly,
}

/// <summary>The multi-agency panel meeting of an audit.</summary>
public class PanelMeeting : VersionedEntity
{
    public Guid AuditId { get; set; }

    public DateOnly HeldOn { get; set; }

    /// <summary>Who attended, one line each: agency and role, e.g. "POL: detective sergeant, safeguarding hub". Roles, not names.</summary>
    public List<string> Attendees { get; set; } = [];
}

/// <summary>What the panel agreed about one case.</summary>
public class PanelCaseRecord : VersionedEntity
{
    public Guid AuditId { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The case's time slot in the meeting, e.g. "10:00 to 10:40".</summary>
    public string? Slot { get; set; }

    public string? PenPicture { get; set; }

    public string? WorkedWell { get; set; }

    public string? AreasForImprovement { get; set; }

    public string? Learning { get; set; }

    public Grade? AgreedGrade { get; set; }

    public string? AgreedQualifier { get; set; }

    public string? Rationale { get; set; }

    public string? RecordedBy { get; set; }

    public DateTimeOffset? RecordedAt { get; set; }
}
