namespace Parallax.Core.Reports;

public enum ReportSectionKind
{
    /// <summary>Prose the lead writes, starting from a draft generated from the data.</summary>
    Narrative,

    /// <summary>Built from the audit's data each time the report is generated.</summary>
    Data,
}

public sealed record ReportSectionDefinition(string Key, string Title, ReportSectionKind Kind, bool Appendix, string Hint);

/// <summary>The sections a report can have, in the default order, which follows published multi-agency audit reports.</summary>
public static class ReportSections
{
    public const string DefaultMarking = "OFFICIAL-SENSITIVE";

    public const string ExecutiveSummary = "executive-summary";
    public const string Introduction = "introduction";
    public const string Methodology = "methodology";
    public const string Reflections = "reflections";
    public const string CaseSummaries = "case-summaries";
    public const string ThematicAreas = "thematic-areas";
    public const string ThematicAnalysis = "thematic-analysis";
    public const string SingleAgency = "single-agency";
    public const string Conclusions = "conclusions";
    public const string Recommendations = "recommendations";
    public const string Tool = "appendix-tool";
    public const string Cases = "appendix-cases";
    public const string ReturnsMatrix = "appendix-returns";
    public const string CollatedData = "appendix-collated";

    public static readonly IReadOnlyList<ReportSectionDefinition> All =
    [
        new(ExecutiveSummary, "Executive summary", ReportSectionKind.Narrative, false, "The audit in brief for the executive, followed by the strengths and areas for improvement found."),
        new(Introduction, "Introduction and background", ReportSectionKind.Narrative, false, "Why this audit was done, its terms of reference and its context."),
        new(Methodology, "Methodology", ReportSectionKind.Narrative, false, "How cases were chosen, the tool, who was asked to return and how many did."),
        new(Reflections, "Learning about the audit process", ReportSectionKind.Narrative, false, "What worked and what did not in running the audit itself."),
        new(CaseSummaries, "Case summaries", ReportSectionKind.Data, false, "Each case's pen picture, what worked well, areas for improvement, learning and the agreed judgement, from the panel record."),
        new(ThematicAreas, "Analysis: thematic areas", ReportSectionKind.Narrative, false, "The panel's analysis by theme, one sub-heading (## Theme) per area, as long as it needs."),
        new(ThematicAnalysis, "Thematic analysis", ReportSectionKind.Data, false, "Figures by tool section with charts, judgements, and the findings by theme."),
        new(SingleAgency, "Single-agency good practice and areas for improvement", ReportSectionKind.Data, false, "Findings that concern one agency's practice: good practice, then areas for improvement, by agency."),
        new(Conclusions, "Conclusions", ReportSectionKind.Narrative, false, "What the audit shows about multi-agency practice on its theme."),
        new(Recommendations, "Recommendations", ReportSectionKind.Narrative, false, "One recommendation per paragraph, each starting \"In order to ...\"; they are numbered in the report."),
        new(Tool, "Appendix: the audit tool", ReportSectionKind.Data, true, "The questions asked, by section."),
        new(Cases, "Appendix: the cases audited", ReportSectionKind.Data, true, "Age, sex, ethnicity, area, level of need and MARAC for each case."),
        new(ReturnsMatrix, "Appendix: returns by agency and case", ReportSectionKind.Data, true, "Which agency returned on which case, agencies as rows, with a key."),
        new(CollatedData, "Appendix: collated data", ReportSectionKind.Data, true, "Yes, No and N/A for every question, with percentages of Yes and No."),
    ];

    public static ReportSectionDefinition? Find(string key) => All.FirstOrDefault(s => s.Key == key);

    public static IReadOnlyList<string> DefaultOrder => [.. All.Select(s => s.Key)];
}
