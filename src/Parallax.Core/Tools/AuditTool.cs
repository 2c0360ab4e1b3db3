namespace Parallax.Core.Tools;

/// <summary>An audit tool: what every agency answers for each case. Its content lives in versions.</summary>
public class AuditTool : VersionedEntity, IPartnershipOwned
{
    public Guid PartnershipId { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>The shipped template this tool was copied from, if any (e.g. "jtai-domestic-abuse").</summary>
    public string? TemplateKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<ToolVersion> Versions { get; set; } = [];
}

/// <summary>
/// One version of a tool. Editable while a draft; frozen when an audit first uses it, after which
/// returns always render against it unchanged and edits go into a new draft version.
/// </summary>
public class ToolVersion : VersionedEntity
{
    public Guid ToolId { get; set; }

    public AuditTool? Tool { get; set; }

    public int Number { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when an audit first uses this version; from then on nothing in it may change.</summary>
    public DateTimeOffset? FrozenAt { get; set; }

    public bool IsFrozen => FrozenAt is not null;

    /// <summary>Guidance notes shown to auditors before the first section.</summary>
    public string? Guidance { get; set; }

    public bool AsksOverallAgencyJudgement { get; set; }

    public bool AsksPartnershipJudgement { get; set; }

    public bool AsksGoodPractice { get; set; }

    public bool AsksOtherComments { get; set; }

    public List<ToolSection> Sections { get; set; } = [];
}

public enum SectionApplicability
{
    /// <summary>Every agency answers it.</summary>
    AllAgencies,

    /// <summary>Only agencies providing services to adults (the agency's "works with adults" flag).</summary>
    AgenciesWorkingWithAdults,

    /// <summary>Only the agency types listed.</summary>
    ListedAgencyTypes,
}

public enum SectionScope
{
    /// <summary>Answered in each case's return.</summary>
    EachCase,

    /// <summary>Answered once by each agency across all its cases (e.g. a summary sheet for the panel).</summary>
    OncePerAgency,
}

public class ToolSection : Entity
{
    public Guid ToolVersionId { get; set; }

    public int Order { get; set; }

    public required string Title { get; set; }

    public string? Guidance { get; set; }

    public bool HasJudgement { get; set; }

    /// <summary>The question the judgement answers, e.g. "Judgement on the quality of the referral".</summary>
    public string? JudgementPrompt { get; set; }

    public SectionApplicability Applicability { get; set; }

    public List<AgencyType> AgencyTypes { get; set; } = [];

    public SectionScope Scope { get; set; }

    public List<ToolQuestion> Questions { get; set; } = [];

    public bool AppliesTo(AgencyType type, bool worksWithAdults) => Applicability switch
    {
        SectionApplicability.AgenciesWorkingWithAdults => worksWithAdults,
        SectionApplicability.ListedAgencyTypes => AgencyTypes.Contains(type),
        _ => true,
    };
}

public enum QuestionKind
{
    /// <summary>Yes, No or Not applicable, with a comment.</summary>
    YesNoNa,
    FreeText,
    SingleChoice,
    MultipleChoice,
    Date,
    Number,
}

public class ToolQuestion : Entity
{
    public Guid SectionId { get; set; }

    public int Order { get; set; }

    /// <summary>Unique within the version, e.g. "A7"; what reports and statistics refer to.</summary>
    public required string Code { get; set; }

    public required string Text { get; set; }

    public string? HelpText { get; set; }

    /// <summary>A few words for tables such as the report's collated data ("Timely referral"); empty: the question's text.</summary>
    public string? ShortLabel { get; set; }

    /// <summary>The area of practice the question belongs to in the collated data ("Referral"); empty: its section's title.</summary>
    public string? Area { get; set; }

    public QuestionKind Kind { get; set; }

    public bool Required { get; set; } = true;

    public bool CommentRequiredOnNo { get; set; }

    public bool CommentRequiredOnNa { get; set; } = true;

    /// <summary>The choices of a single- or multiple-choice question, in order.</summary>
    public List<string> Options { get; set; } = [];
}
