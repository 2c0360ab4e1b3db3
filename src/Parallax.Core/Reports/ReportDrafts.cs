using System.Globalization;
using Parallax.Core.Findings;
using Parallax.Core.Tools;
using static Parallax.Core.Reports.ReportText;

namespace Parallax.Core.Reports;

/// <summary>
/// First drafts of the narrative sections, written from the audit's figures in the plain style of the
/// partnership reports (seeds 001-003). The lead accepts or rewrites them; nothing here is a judgement
/// the data does not show.
/// </summary>
public static class ReportDrafts
{
    public static string For(string section, ReportFacts facts) => section switch
    {
        ReportSections.ExecutiveSummary => ExecutiveSummary(facts),
        ReportSections.Introduction => Introduction(facts),
        ReportSections.Methodology => Methodology(facts),
        ReportSections.Reflections => Reflections(facts),
        ReportSections.Conclusions => Conclusions(facts),
        ReportSections.Recommendations => Recommendations(facts),
        _ => "",
    };

    public static string ExecutiveSummary(ReportFacts f)
    {
        var paragraphs = new List<string>
        {
            $"This report sets out the findings of a multi-agency case audit on the theme of {Lower(f.Audit.Theme)}, carried out by {f.Partnership}. " +
            $"{Count(f.Cases.Count, "case was", "cases were", capital: true)} audited. {Returns(f)}",
        };
        paragraphs.Add(Judgements(f));
        return string.Join("\n\n", paragraphs);
    }

    public static string Introduction(ReportFacts f)
    {
        var text = $"The partnership audited {Lower(f.Audit.Theme)}.";
        if (!string.IsNullOrWhiteSpace(f.Audit.ThemeSource)) text += $" The theme was chosen because of {Lower(f.Audit.ThemeSource).TrimEnd('.')}.";
        var paragraphs = new List<string> { text };
        if (!string.IsNullOrWhiteSpace(f.Audit.TermsOfReference)) paragraphs.Add($"The terms of reference were:\n\n{Clean(f.Audit.TermsOfReference).Trim()}");
        var dates = $"Agencies were asked for their returns on {Date(f.Audit.RequestsSentOn)}, to be completed by {Date(f.Audit.ReturnsDueOn)}.";
        if (f.Meeting is { } meeting) dates += $" The multi-agency audit panel met on {Date(meeting.HeldOn)}.";
        else if (f.Audit.PanelOn is { } panel) dates += $" The multi-agency audit panel was planned for {Date(panel)}.";
        paragraphs.Add(dates);
        return string.Join("\n\n", paragraphs);
    }

    public static string Methodology(ReportFacts f)
    {
        var version = f.Figures.ToolVersion;
        var questions = version.Sections.Sum(s => s.Questions.Count);
        var sample = $"{Count(f.Cases.Count, "case was", "cases were", capital: true)} selected for the audit";
        if (!string.IsNullOrWhiteSpace(f.Audit.LookbackRule)) sample += $" ({Lower(f.Audit.LookbackRule).TrimEnd('.')})";
        var paragraphs = new List<string>
        {
            sample + ".",
            $"Each agency that knew a child or their household completed the {Clean(f.ToolName)} audit tool ({Count(questions, "question", "questions")} in {Count(version.Sections.Count, "section", "sections")}) for that case from its own records, " +
            "gave a judgement on its practice, and sent it to the audit lead.",
            Returns(f),
            "Percentages in this report are of Yes and No answers only: questions answered N/A are left out, and percentages are rounded to whole numbers.",
        };
        if (f.Meeting is { } meeting)
            paragraphs.Add($"The returns were compiled case by case and discussed at a multi-agency panel on {Date(meeting.HeldOn)}, attended by {Count(meeting.Attendees.Count, "representative", "representatives")}, which agreed a partnership judgement for each case.");
        return string.Join("\n\n", paragraphs);
    }

    public static string Reflections(ReportFacts f)
    {
        var points = new List<string>();
        var r = f.Figures.Returns;
        if (r.Requested == 0) points.Add("No returns were requested for this audit.");
        else
        {
            points.Add($"{Count(r.Submitted, "return was", "returns were", capital: true)} completed of {Count(r.Requested - r.NotKnown, "expected", "expected")}.");
            if (r.NotKnown > 0) points.Add($"{Count(r.NotKnown, "request was", "requests were", capital: true)} answered as not known to the agency.");
            if (r.NoReturn > 0) points.Add($"{Count(r.NoReturn, "return was", "returns were", capital: true)} not received by the deadline.");
        }

        if (f.QueriesRaised > 0) points.Add($"{Count(f.QueriesRaised, "query was", "queries were", capital: true)} raised with agencies about their returns before the panel.");
        return string.Join("\n\n", points);
    }

    public static string Conclusions(ReportFacts f)
    {
        var total = f.Figures.ToolWide;
        if (total.Total == 0) return "No Yes or No answers have been submitted, so the audit's figures cannot yet support a conclusion.";
        var paragraphs = new List<string>
        {
            $"Across the {Count(f.Figures.Returns.Submitted, "return", "returns")} completed, {total.PctYes}% of answers to the tool's questions were Yes ({total.Yes} of {total.Total}).",
        };
        var weakest = f.Figures.Sections.Where(s => s.Counts.Total > 0).OrderBy(s => s.Counts.PctYes).ThenBy(s => s.Title, StringComparer.Ordinal).FirstOrDefault();
        var strongest = f.Figures.Sections.Where(s => s.Counts.Total > 0).OrderByDescending(s => s.Counts.PctYes).ThenBy(s => s.Title, StringComparer.Ordinal).FirstOrDefault();
        if (weakest is not null && strongest is not null && weakest != strongest)
            paragraphs.Add($"Practice was strongest in \"{strongest.Title}\" ({strongest.Counts.PctYes}% Yes) and weakest in \"{weakest.Title}\" ({weakest.Counts.PctYes}% Yes).");
        paragraphs.Add(Judgements(f));
        return string.Join("\n\n", paragraphs);
    }

    public static string Recommendations(ReportFacts f)
    {
        var areas = f.Findings.Where(x => x.Kind == FindingKind.AreaForImprovement).ToList();
        if (areas.Count == 0) return "";
        return string.Join("\n\n", areas.Select(a =>
            $"In order to address the finding that {LowerFirst(Clean(a.Text).Trim().TrimEnd('.'))} ({Lower(a.Theme)}), {a.Agency ?? "the partnership"} to agree the actions needed and report progress to the partnership."));
    }

    /// <summary>"24 of 35 requested returns (69%) were completed; no returns were received from Probation and Housing."</summary>
    public static string Returns(ReportFacts f)
    {
        var r = f.Figures.Returns;
        if (r.Requested == 0) return "No returns have been requested yet.";
        var expected = r.Requested - r.NotKnown;
        var text = $"{r.Submitted} of {expected} requested {(expected == 1 ? "return" : "returns")}" + (r.ResponseRatePct is { } pct ? $" ({pct}%)" : "") + (r.Submitted == 1 ? " was completed" : " were completed");
        if (r.NotKnown > 0) text += $", after {Count(r.NotKnown, "request", "requests")} answered as not known to the agency";
        var missing = f.AgenciesWithNoReturns;
        text += missing.Count > 0 ? $"; no returns were received from {Join(missing)}." : ".";
        return text;
    }

    /// <summary>"Four cases were judged to require improvement and two were judged to be good."</summary>
    public static string Judgements(ReportFacts f)
    {
        var judged = f.Figures.CaseJudgements.Where(j => j.Value > 0).OrderByDescending(j => j.Value).ThenBy(j => j.Key).ToList();
        if (judged.Count == 0) return "No case has an agreed partnership judgement yet.";
        var parts = judged.Select((j, i) => i == 0
            ? $"{Count(j.Value, "case was", "cases were", capital: true)} judged {Phrase(j.Key)}"
            : $"{Number(j.Value)} {(j.Value == 1 ? "was" : "were")} judged {Phrase(j.Key)}").ToList();
        var text = Join(parts) + ".";
        if (f.Figures.CasesNotJudged > 0) text += $" {Count(f.Figures.CasesNotJudged, "case has", "cases have", capital: true)} no agreed judgement yet.";
        return text;
    }

    private static string Phrase(Grade grade) => grade switch
    {
        Grade.Outstanding => "to be outstanding",
        Grade.Good => "to be good",
        Grade.RequiresImprovement => "to require improvement",
        _ => "to be inadequate",
    };

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private static string Lower(string text) => LowerFirst(Clean(text).Trim());

    /// <summary>Lower-cases the first letter unless the first word looks like an acronym ("MARAC", "CP").</summary>
    private static string LowerFirst(string text)
    {
        if (text.Length == 0) return text;
        var firstWord = text.Split(' ')[0];
        return firstWord.Length > 1 && firstWord.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? text : char.ToLowerInvariant(text[0]) + text[1..];
    }
}
