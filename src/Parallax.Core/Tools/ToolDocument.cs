namespace Parallax.Core.Tools;

/// <summary>
/// The interchange form of one tool version (docs/schema/audit-tool.schema.json). Identifiers are not
/// part of it: question codes are the stable references, so a tool moves between installations intact.
/// </summary>
public sealed record ToolDocument
{
    public const int CurrentSchemaVersion = 1;

    [JsonRequired] public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    [JsonRequired] public string Name { get; init; } = "";

    public string? Description { get; init; }

    public string? Guidance { get; init; }

    public bool AsksOverallAgencyJudgement { get; init; }

    public bool AsksPartnershipJudgement { get; init; }

    public bool AsksGoodPractice { get; init; }

    public bool AsksOtherComments { get; init; }

    [JsonRequired] public List<SectionDocument> Sections { get; init; } = [];
}

public sealed record SectionDocument
{
    [JsonRequired] public string Title { get; init; } = "";

    public string? Guidance { get; init; }

    public bool HasJudgement { get; init; }

    public string? JudgementPrompt { get; init; }

    public SectionApplicability Applicability { get; init; }

    public List<AgencyType> AgencyTypes { get; init; } = [];

    public SectionScope Scope { get; init; }

    [JsonRequired] public List<QuestionDocument> Questions { get; init; } = [];
}

public sealed record QuestionDocument
{
    [JsonRequired] public string Code { get; init; } = "";

    [JsonRequired] public string Text { get; init; } = "";

    public string? HelpText { get; init; }

    public string? ShortLabel { get; init; }

    public string? Area { get; init; }

    [JsonRequired] public QuestionKind Kind { get; init; }

    public bool Required { get; init; } = true;

    public bool CommentRequiredOnNo { get; init; }

    public bool CommentRequiredOnNa { get; init; }

    public List<string> Options { get; init; } = [];
}
