using static Parallax.Core.Reports.ReportText;

namespace Parallax.Core.Reports;

/// <summary>
/// First drafts of the narrative sections, written from the audit's figures in the plain style of published
/// partnership audit reports, so a draft reads like the report it goes into. The lead accepts or rewrites them;
/// nothing here is a judgement the data does not show.
/// </summary>
public static class ReportDrafts
{
    public static string For(string section, ReportFacts facts) => section switch
    {
        ReportSections.ExecutiveSummary => ExecutiveSummary(facts),
        ReportSections.Introduction => Introduction(facts),
        ReportSections.Methodology => Methodology(facts),
        ReportSections.Reflections => Reflections(facts),
        ReportSections.ThematicAreas => ThematicAreas(facts),
        ReportSections.Conclusions => Conclusions(facts),
        ReportSections.Recommendations => Recommendations(facts),
        _ => "",
    };

    /// <summary>
    /// The "Analysis – Thematic Areas" section partnership reports carry: one sub-heading per theme the findings name (as typed), with what
    /// worked well and what needs to improve under it, for the lead to turn into the panel's analysis.
    /// </summary>
    public static string ThematicAreas(ReportFacts f)
    {
        if (f.Findings.Count == 0)
            return "No findings have been recorded yet. Write the panel's analysis here, one sub-heading per theme (a line starting ## and the theme), with what the returns and the panel found under each.";
        var parts = new List<string> { "The panel's analysis of the returns, theme by theme." };
        foreach (var theme in f.Findings.GroupBy(x => x.Theme))
        {
            var text = $"## {Clean(theme.Key)}";
            string Item(ReportFinding x) => $"- {(x.Agency is { } agency ? $"{Clean(agency)}: " : "")}{Clean(x.Text).Replace("\n", " ", StringComparison.Ordinal)}";
            var strengths = theme.Where(x => x.Kind == FindingKind.Strength).ToList();
            var areas = theme.Where(x => x.Kind != FindingKind.Strength).ToList();
            if (strengths.Count > 0) text += "\n\n**What worked well**\n\n" + string.Join("\n", strengths.Select(Item));
            if (areas.Count > 0) text += "\n\n**What needs to improve**\n\n" + string.Join("\n", areas.Select(Item));
            parts.Add(text);
        }

        return string.Join("\n\n", parts);
    }

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

    /// <summary>The theme, where it came from as typed (a noun phrase such as "Annual audit programme" reads badly after "because of"), and the dates.</summary>
    public static string Introduction(ReportFacts f)
    {
        var text = $"The partnership audited {Lower(f.Audit.Theme)}.";
        if (!string.IsNullOrWhiteSpace(f.Audit.ThemeSource)) text += $" Where the theme came from: {Clean(f.Audit.ThemeSource).Trim().TrimEnd('.')}.";
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
        if (f.Cases.Count > 0) paragraphs.Add("## The sample\n\n" + Sample(f));
        var knew = WhoKnewWhom(f);
        if (knew.Count > 0) paragraphs.Add("## Who knew the families\n\n" + string.Join("\n", knew.Select(k => $"- {k}")));
        paragraphs.Add("## Limitations\n\n" + Limitations(f));
        return string.Join("\n\n", paragraphs);
    }

    /// <summary>"Of the ten children in the sample, five were on a child protection plan and ... One was unborn; the others were aged from 4 months to 15 years. Four had been discussed at MARAC."</summary>
    public static string Sample(ReportFacts f)
    {
        var cases = f.Cases;
        if (cases.Count == 0) return "No cases have been added to the audit.";
        var groups = cases.GroupBy(c => c.LevelOfNeed).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).ToList();
        var levels = groups.Select(g => $"{Number(g.Count())} {(g.Count() == 1 ? "was" : "were")} {LevelPhrase(g.Key, g.Count())}").ToList();
        var text = cases.Count == 1
            ? $"The one child in the sample was {LevelPhrase(groups[0].Key, 1)}."
            : groups.Count == 1
                ? $"All {Number(cases.Count)} children in the sample were {LevelPhrase(groups[0].Key, cases.Count)}."
                : $"Of the {Count(cases.Count, "child", "children")} in the sample, {Join(levels)}.";
        var unborn = cases.Count(c => c.Unborn);
        // In months: a baby's age in months when recorded (0 to 11), years × 12 otherwise, so "4 months" sorts below "1 year".
        var aged = cases.Where(c => !c.Unborn && c.AgeYears is not null).Select(c => c.AgeYears!.Value == 0 ? (c.AgeMonths, Under: c.AgeMonths is null) : (c.AgeYears.Value * 12, Under: false))
            .Select(a => (Months: a.Item1 ?? 0, a.Under)).OrderBy(a => a.Months).ToList();
        var ages = aged.Count == 0 ? "" : aged[0] == aged[^1] ? $"aged {AgeWords(aged[0])}"
            : aged[0].Months >= 12 ? $"aged from {aged[0].Months / 12} to {aged[^1].Months / 12} years" : $"aged from {AgeWords(aged[0])} to {AgeWords(aged[^1])}";
        if (unborn > 0)
            text += $" {Count(unborn, "child was", "children were", capital: true)} unborn when the sample was drawn" + (ages.Length > 0 ? $"; the {(aged.Count == 1 ? "other was" : "others were")} {ages}." : ".");
        else if (ages.Length > 0)
            text += cases.Count == 1 ? $" The child was {ages}." : $" The children were {ages}.";
        var marac = cases.Count(c => c.HeardAtMarac);
        if (marac > 0)
        {
            text += $" {(marac == cases.Count ? (cases.Count == 1 ? "The case" : cases.Count == 2 ? "Both" : $"All {Number(cases.Count)}") : Count(marac, "case", "cases", capital: true))} had been heard at MARAC";
            var repeat = cases.Count(c => c.HeardAtMarac && c.MaracDetail == Cases.MaracDetail.Repeat);
            var historic = cases.Where(c => c.HeardAtMarac && c.MaracDetail == Cases.MaracDetail.Historic).ToList();
            var detail = new List<string>();
            if (repeat > 0) detail.Add(repeat == marac ? (marac == 1 ? "more than once" : "each more than once") : $"{Number(repeat)} more than once");
            if (historic.Count > 0)
            {
                var years = historic.Where(c => c.MaracYear is not null).Select(c => c.MaracYear!.Value).Distinct().Order().ToList();
                var when = years.Count == 0 ? "in the past" : $"only in the past ({string.Join(", ", years)})";
                detail.Add(historic.Count == marac ? when : $"{Number(historic.Count)} {when}");
            }

            text += detail.Count == 0 ? "." : $": {Join(detail)}.";
        }
        return text;
    }

    private static string AgeWords((int Months, bool Under) age) =>
        age.Under ? "under one" : age.Months < 12 ? (Cases.SampleSpread.MonthsName(age.Months) ?? "under one").ToLowerInvariant()
        : age.Months == 12 ? "one year" : $"{age.Months / 12} years";

    private static string LevelPhrase(Cases.LevelOfNeed level, int n) => level switch
    {
        Cases.LevelOfNeed.EarlyHelp => "receiving early help",
        Cases.LevelOfNeed.ChildInNeed => n == 1 ? "a child in need" : "children in need",
        Cases.LevelOfNeed.ChildProtection => n == 1 ? "on a child protection plan" : "on child protection plans",
        Cases.LevelOfNeed.ChildLookedAfter => "looked after",
        Cases.LevelOfNeed.PublicLawOutline => "in pre-proceedings under the Public Law Outline",
        _ => "pre-birth referrals",
    };

    /// <summary>"Two mothers and two fathers were known to the substance misuse service", one line per agency that recorded who it knew.</summary>
    public static IReadOnlyList<string> WhoKnewWhom(ReportFacts f)
    {
        var lines = new List<string>();
        foreach (var agency in (f.Involvement ?? []).OrderBy(a => a.Agency.Name, StringComparer.Ordinal))
        {
            var order = new[] { "child", "mother", "father", "partner", "sibling", "grandparent", "other adult", "other child" };
            var known = agency.Known.Where(k => k.Value > 0).OrderBy(k => Array.IndexOf(order, k.Key) is var i && i < 0 ? 99 : i)
                .Select(k => Count(k.Value, k.Key, Plural(k.Key))).ToList();
            if (known.Count == 0) continue;
            var total = agency.Known.Values.Sum();
            var line = $"{Join(known)} {(total == 1 ? "was" : "were")} known to {Clean(agency.Agency.Name)}.";
            lines.Add(char.ToUpperInvariant(line[0]) + line[1..]);
        }

        return lines;
    }

    private static string Plural(string role) => role switch
    {
        "child" => "children",
        "other child" => "other children",
        _ => role + "s",
    };

    /// <summary>"No returns were received from Housing. Schools returned on three of the five cases they knew ..."; or that every return came in.</summary>
    public static string Limitations(ReportFacts f)
    {
        var r = f.Figures.Returns;
        if (r.Requested == 0) return "No returns have been requested yet, so the limits of the evidence cannot be said.";
        var parts = new List<string>();
        var none = f.AgenciesWithNoReturns;
        if (none.Count > 0) parts.Add($"No returns were received from {Join(none)}, so {(none.Count == 1 ? "its" : "their")} involvement with the families is not reflected in the findings.");
        var some = f.AgenciesMissingSomeReturns;
        if (some.Count > 0)
            parts.Add($"Returns were missing from some agencies for some cases: {Join([.. some.Select(s => $"{s.Agency} ({Number(s.Missing)} of {Number(s.Expected)})")])}.");
        if (parts.Count == 0) parts.Add("Every agency that knew a family returned on every case it knew.");
        if (r.NotKnown > 0) parts.Add($"{Count(r.NotKnown, "request was", "requests were", capital: true)} answered as not known to the agency, and those are left out of the response rates.");
        return string.Join(" ", parts);
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
            $"In order to address the finding on {Clean(a.Theme).Trim()}, \u201c{Headline(a.Text)}\u201d, {a.Agency ?? "the partnership"} to agree the actions needed and report progress to the partnership."));
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

    /// <summary>
    /// "Four cases were judged to require improvement and two were judged to be good (one with elements of outstanding)."; when every
    /// case has the same grade, "All ten cases were judged to be good; seven with elements of requires improvement." Qualifiers come from
    /// the panel's agreed judgements, as typed, with RI written out.
    /// </summary>
    public static string Judgements(ReportFacts f)
    {
        var judged = f.Figures.CaseJudgements.Where(j => j.Value > 0).OrderByDescending(j => j.Value).ThenBy(j => j.Key).ToList();
        if (judged.Count == 0) return "No case has an agreed partnership judgement yet.";
        string Qualified(Grade grade) => Join([.. f.Panel.Where(p => p.AgreedGrade == grade && !string.IsNullOrWhiteSpace(p.AgreedQualifier))
            .GroupBy(p => Qualifier(p.AgreedQualifier!)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{Number(g.Count())} with {g.Key}")]);
        string text;
        if (judged.Count == 1 && judged[0].Value > 1 && f.Figures.CasesNotJudged == 0)
        {
            var qualified = Qualified(judged[0].Key);
            text = $"All {Number(judged[0].Value)} cases were judged {Phrase(judged[0].Key)}" + (qualified.Length > 0 ? $"; {qualified}." : ".");
        }
        else
        {
            var parts = judged.Select((j, i) =>
            {
                var qualified = Qualified(j.Key);
                var part = i == 0
                    ? $"{Count(j.Value, "case was", "cases were", capital: true)} judged {Phrase(j.Key)}"
                    : $"{Number(j.Value)} {(j.Value == 1 ? "was" : "were")} judged {Phrase(j.Key)}";
                return qualified.Length > 0 ? $"{part} ({qualified})" : part;
            }).ToList();
            text = Join(parts) + ".";
        }

        if (f.Figures.CasesNotJudged > 0) text += $" {Count(f.Figures.CasesNotJudged, "case has", "cases have", capital: true)} no agreed judgement yet.";
        return text;
    }

    /// <summary>A qualifier as a phrase after "with": ", elements of RI" → "elements of requires improvement".</summary>
    public static string Qualifier(string qualifier)
    {
        var text = Clean(qualifier).Trim().TrimStart(',', ';', ':', '-', '–', '(').TrimEnd(')', '.').Trim();
        if (text.StartsWith("with ", StringComparison.OrdinalIgnoreCase)) text = text[5..].Trim();
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\bRI\b", "requires improvement");
        return LowerFirst(text);
    }

    private static string Phrase(Grade grade) => grade switch
    {
        Grade.Outstanding => "to be outstanding",
        Grade.Good => "to be good",
        Grade.RequiresImprovement => "to require improvement",
        _ => "to be inadequate",
    };

    /// <summary>A finding's headline: its first sentence (a question keeps its question mark), without a trailing full stop.</summary>
    public static string Headline(string text)
    {
        var clean = System.Text.RegularExpressions.Regex.Replace(Clean(text).Trim(), @"\s+", " ");
        var end = System.Text.RegularExpressions.Regex.Match(clean, @"[.?!](\s|$)");
        var first = end.Success ? clean[..(end.Index + 1)] : clean;
        return first.TrimEnd('.').Trim();
    }

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
