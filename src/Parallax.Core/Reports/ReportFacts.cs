namespace Parallax.Core.Reports;

/// <summary>One finding with its theme and agency names resolved, and the cases it came from.</summary>
public sealed record ReportFinding(FindingKind Kind, FindingScope Scope, string Theme, string? Agency, string Text, IReadOnlyList<string> Cases);

/// <summary>Everything a report is made from, loaded once: the figures, the sample, the requests, the panel and the findings.</summary>
public sealed record ReportFacts(
    string Partnership,
    Audit Audit,
    string ToolName,
    AuditFigures Figures,
    IReadOnlyList<Case> Cases,
    IReadOnlyList<Agency> Agencies,
    IReadOnlyList<ReturnRequest> Requests,
    PanelMeeting? Meeting,
    IReadOnlyList<PanelCaseRecord> Panel,
    IReadOnlyList<ReportFinding> Findings,
    int QueriesRaised,
    IReadOnlyList<HouseholdInvolvement>? Involvement = null)
{
    public IEnumerable<AgencyResponse> Responses =>
        ReturnsDashboard.Of(Requests, Agencies, DateOnly.MaxValue).Agencies.Where(a => a.Sent > 0);

    /// <summary>Agencies asked for returns that sent none at all (not counting "not known to us").</summary>
    public IReadOnlyList<string> AgenciesWithNoReturns =>
        [.. Responses.Where(a => a.Expected > 0 && a.Submitted == 0).Select(a => a.Agency.Name)];

    /// <summary>Agencies that returned on some of the cases they knew but not all (not counting "not known to us").</summary>
    public IReadOnlyList<(string Agency, int Missing, int Expected)> AgenciesMissingSomeReturns =>
        [.. Responses.Where(a => a.Submitted > 0 && a.Submitted < a.Expected).Select(a => (a.Agency.Name, a.Expected - a.Submitted, a.Expected))];

    public IReadOnlyList<Grade> SectionOrderGrades => [Grade.Outstanding, Grade.Good, Grade.RequiresImprovement, Grade.Inadequate];

    public string CaseLabel(Case c) => $"Case {Cases.ToList().IndexOf(c) + 1} ({c.Uin})";
}
