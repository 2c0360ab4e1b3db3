namespace Parallax.Core.Packages;

/// <summary>
/// A whole audit as one JSON document (docs/schema/audit-package.schema.json). Records refer to each other by
/// keys local to the package ("c1", "r3"), never by database ids, so a package can be imported anywhere.
/// </summary>
public sealed record AuditPackage
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public DateTimeOffset ExportedAt { get; init; }

    public required PackagedAudit Audit { get; init; }

    public required ToolDocument Tool { get; init; }

    public List<PackagedAgency> Agencies { get; init; } = [];

    public List<PackagedCase> Cases { get; init; } = [];

    public List<PackagedInvolvement> Involvement { get; init; } = [];

    public List<PackagedRequest> Requests { get; init; } = [];

    /// <summary>The panel meeting (date and who attended, by agency and role), once recorded.</summary>
    public PackagedPanelMeeting? PanelMeeting { get; init; }

    public List<PackagedPanelCase> Panel { get; init; } = [];

    public List<PackagedFinding> Findings { get; init; } = [];
}

public sealed record PackagedAudit(
    string Title, string Theme, string? ThemeSource, string? TermsOfReference, string? LookbackRule, int? SampleSizeTarget,
    DateOnly RequestsSentOn, int ReturnWorkingDays, DateOnly ReturnsDueOn, DateOnly? PanelOn, Audits.AuditStatus Status,
    int ReminderWorkingDays,
    [property: System.Text.Json.Serialization.JsonPropertyName("compiledViewAccess")] Panels.CollationAccess CollationAccess, // The file's name for it since schema 1: packages already made keep importing.
    string? SampleSource = null);

public sealed record PackagedAgency(string Code, string Name, Agencies.AgencyType Type);

public sealed record PackagedMember(string Key, Cases.HouseholdRole Role, string Initials, string? RoleName = null);

public sealed record PackagedCase(
    string Key, string Uin, string Initials, int? AgeYears, bool Unborn, DateOnly? ExpectedBirthOn, Cases.Sex Sex, string Ethnicity, string? Area,
    Cases.LevelOfNeed LevelOfNeed, Cases.ProtectionCategory? ProtectionCategory, bool Section20, bool HeardAtMarac, Cases.RiskFactors RiskFactors,
    List<PackagedMember> Household, int? AgeMonths = null, Cases.MaracDetail MaracDetail = Cases.MaracDetail.None, int? MaracYear = null);

/// <summary>An agency knows the child (<see cref="Member"/> null) or a household member.</summary>
public sealed record PackagedInvolvement(string Case, string Agency, string? Member);

public sealed record PackagedAnswer(string Code, string? Value, List<string>? Values, string? Comment);

/// <summary>A judgement; <see cref="Section"/> is the section's position in the tool (1 = first) for a section judgement.</summary>
public sealed record PackagedJudgement(Returns.JudgementScope Scope, int? Section, Grade? Grade, string? Qualifier, string? Reason);

public sealed record PackagedReturn(
    DateTimeOffset LastSavedAt, DateTimeOffset? SubmittedAt, string? SubmittedBy, string? GoodPractice, string? OtherComments, bool IdentifiersConfirmedFalsePositive,
    List<PackagedAnswer> Answers, List<PackagedJudgement> Judgements);

public sealed record PackagedStatusChange(Returns.ReturnStatus From, Returns.ReturnStatus To, string? Reason, DateOnly? DueOn, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record PackagedMessage(string Text, string By, bool FromAgency, DateTimeOffset At);

public sealed record PackagedQuery(string? QuestionCode, Returns.QueryStatus Status, string RaisedBy, DateTimeOffset RaisedAt, DateTimeOffset? ClosedAt, List<PackagedMessage> Messages);

public sealed record PackagedRequest(
    string Case, string Agency, Returns.ReturnStatus Status, DateOnly DueOn, DateTimeOffset? SentAt, string? NotKnownReason,
    PackagedReturn? Return, List<PackagedStatusChange> History, List<PackagedQuery> Queries);

public sealed record PackagedPanelMeeting(DateOnly HeldOn, List<string> Attendees);

public sealed record PackagedPanelCase(
    string Case, string? Slot, string? PenPicture, string? WorkedWell, string? AreasForImprovement, string? Learning,
    Grade? AgreedGrade, string? AgreedQualifier, string? Rationale, string? RecordedBy, DateTimeOffset? RecordedAt);

public sealed record PackagedFinding(Findings.FindingKind Kind, Findings.FindingScope Scope, string? Agency, string Theme, string Text, List<string> Cases);
