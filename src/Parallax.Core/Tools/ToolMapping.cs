using Riok.Mapperly.Abstractions;

namespace Parallax.Core.Tools;

/// <summary>
/// Between the stored tool version and its interchange document, generated at compile time: a field
/// added to the document and not mapped from the version (or back) fails the build. Lists are copied, never
/// shared: a new draft must not hold its frozen version's lists.
/// </summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target, UseDeepCloning = true)]
public static partial class ToolMapping
{
    /// <summary>The name and description belong to the tool; everything else to the version.</summary>
    public static ToolDocument ToDocument(AuditTool tool, ToolVersion version) =>
        DocumentOf(version) with { Name = tool.Name, Description = tool.Description };

    /// <summary>A version's settings as the designer's settings form shows them.</summary>
    public static ToolSettingsInput SettingsOf(AuditTool tool, ToolVersion version) => SettingsOf(ToDocument(tool, version));

    /// <summary>Fills a (new, empty) version with the document's content, numbering sections and questions in order.</summary>
    public static void Fill(ToolVersion version, ToolDocument document)
    {
        FillSettings(document, version);
        version.Sections = [.. document.Sections.Select((s, i) => Numbered(SectionFrom(s), version.Id, i + 1))];
    }

    private static ToolSection Numbered(ToolSection section, Guid versionId, int order)
    {
        section.ToolVersionId = versionId;
        section.Order = order;
        return section;
    }

    [MapperIgnoreTarget(nameof(ToolDocument.SchemaVersion))]
    [MapperIgnoreTarget(nameof(ToolDocument.Name))]
    [MapperIgnoreTarget(nameof(ToolDocument.Description))]
    private static partial ToolDocument DocumentOf(ToolVersion version);

    private static partial ToolSettingsInput SettingsOf(ToolDocument document);

    private static List<SectionDocument> SectionsOf(List<ToolSection> sections) => [.. sections.OrderBy(s => s.Order).Select(SectionOf)];

    private static partial SectionDocument SectionOf(ToolSection section);

    private static List<QuestionDocument> QuestionsOf(List<ToolQuestion> questions) => [.. questions.OrderBy(q => q.Order).Select(QuestionOf)];

    private static partial QuestionDocument QuestionOf(ToolQuestion question);

    [MapperIgnoreTarget(nameof(ToolVersion.Id))]
    [MapperIgnoreTarget(nameof(ToolVersion.ToolId))]
    [MapperIgnoreTarget(nameof(ToolVersion.Tool))]
    [MapperIgnoreTarget(nameof(ToolVersion.Number))]
    [MapperIgnoreTarget(nameof(ToolVersion.CreatedAt))]
    [MapperIgnoreTarget(nameof(ToolVersion.FrozenAt))]
    [MapperIgnoreTarget(nameof(ToolVersion.Version))]
    [MapperIgnoreTarget(nameof(ToolVersion.Sections))]
    private static partial void FillSettings(ToolDocument document, ToolVersion version);

    [MapperIgnoreTarget(nameof(ToolSection.Id))]
    [MapperIgnoreTarget(nameof(ToolSection.ToolVersionId))]
    [MapperIgnoreTarget(nameof(ToolSection.Order))]
    [MapProperty(nameof(SectionDocument.Title), nameof(ToolSection.Title), Use = nameof(Trimmed))]
    private static partial ToolSection SectionFrom(SectionDocument section);

    private static List<ToolQuestion> QuestionsFrom(List<QuestionDocument> questions) =>
        [.. questions.Select((q, i) => Ordered(QuestionFrom(q), i + 1))];

    private static ToolQuestion Ordered(ToolQuestion question, int order)
    {
        question.Order = order;
        return question;
    }

    [MapperIgnoreTarget(nameof(ToolQuestion.Id))]
    [MapperIgnoreTarget(nameof(ToolQuestion.SectionId))]
    [MapperIgnoreTarget(nameof(ToolQuestion.Order))]
    [MapProperty(nameof(QuestionDocument.Code), nameof(ToolQuestion.Code), Use = nameof(Trimmed))]
    [MapProperty(nameof(QuestionDocument.Text), nameof(ToolQuestion.Text), Use = nameof(Trimmed))]
    [MapProperty(nameof(QuestionDocument.ShortLabel), nameof(ToolQuestion.ShortLabel), Use = nameof(TrimmedOrNull))]
    [MapProperty(nameof(QuestionDocument.Area), nameof(ToolQuestion.Area), Use = nameof(TrimmedOrNull))]
    private static partial ToolQuestion QuestionFrom(QuestionDocument question);

    [UserMapping(Default = false)]
    private static string Trimmed(string value) => value.Trim();

    [UserMapping(Default = false)]
    private static string? TrimmedOrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>How long a tool is: leads keep tools short, because agencies give a long tool less care and return it later.</summary>
public sealed record ToolLength(int Questions, int Judgements, int MinutesPerCase)
{
    public static ToolLength Of(ToolVersion version)
    {
        var questions = version.Sections.SelectMany(s => s.Questions).ToList();
        var judgements = version.Sections.Count(s => s.HasJudgement)
            + (version.AsksOverallAgencyJudgement ? 1 : 0) + (version.AsksPartnershipJudgement ? 1 : 0);
        // The same weights as a return's sections (decision 0056), over every section: agencies see fewer.
        var minutes = questions.Sum(q => Returns.ReturnSections.MinutesFor(q.Kind)) + judgements * Returns.ReturnSections.JudgementMinutes
            + (version.AsksGoodPractice ? Returns.ReturnSections.GoodPracticeMinutes : 0) + (version.AsksOtherComments ? Returns.ReturnSections.OtherCommentsMinutes : 0);
        return new ToolLength(questions.Count, judgements, (int)Math.Ceiling(minutes / 5) * 5);
    }
}
