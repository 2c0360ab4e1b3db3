using static Parallax.Core.Reports.ReportText;

namespace Parallax.Core.Reports;

/// <summary>Builds an audit's report from its data and the lead's narrative, in the sections and order the lead chose.</summary>
public sealed class ReportBuilder(ParallaxDbContext db, AuditStatistics statistics, TimeProvider clock)
{
    /// <summary>Everything the report is made from; null when the audit is not this partnership's.</summary>
    public async Task<ReportFacts?> FactsAsync(Guid partnershipId, Guid auditId, CancellationToken ct = default)
    {
        var figures = await statistics.ComputeAsync(partnershipId, auditId, ct: ct);
        if (figures is null) return null;
        var partnership = await db.Partnerships.AsNoTracking().Where(p => p.Id == partnershipId).Select(p => p.Name).SingleAsync(ct);
        var toolName = await db.AuditTools.AsNoTracking().Where(t => t.Id == figures.ToolVersion.ToolId).Select(t => t.Name).SingleAsync(ct);
        var cases = await db.Cases.AsNoTracking().Where(c => db.AuditCases.Any(ac => ac.AuditId == auditId && ac.CaseId == c.Id)).OrderBy(c => c.Uin).ToListAsync(ct);
        var requests = await db.ReturnRequests.AsNoTracking().Where(r => r.AuditId == auditId && r.Status != ReturnStatus.Draft).ToListAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).OrderBy(a => a.Name).ToListAsync(ct);
        var meeting = await db.PanelMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.AuditId == auditId, ct);
        var panel = await db.PanelCaseRecords.AsNoTracking().Where(p => p.AuditId == auditId).ToListAsync(ct);
        var themes = await db.Themes.AsNoTracking().Where(t => t.PartnershipId == partnershipId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var uins = cases.ToDictionary(c => c.Id, c => c.Uin);
        var names = agencies.ToDictionary(a => a.Id, a => a.Name);
        var findings = (await db.Findings.AsNoTracking().Where(f => f.AuditId == auditId).OrderBy(f => f.CreatedAt).ToListAsync(ct))
            .Select(f => new ReportFinding(f.Kind, f.Scope, themes.GetValueOrDefault(f.ThemeId, "Other"), f.AgencyId is { } a ? names.GetValueOrDefault(a) : null, f.Text,
                [.. f.CaseIds.Where(uins.ContainsKey).Select(c => uins[c]).Order(StringComparer.Ordinal)]))
            .ToList();
        var requestIds = requests.Select(r => r.Id).ToList();
        var queries = await db.ReturnQueries.CountAsync(q => requestIds.Contains(q.RequestId), ct);
        var involvement = await statistics.HouseholdInvolvementAsync(auditId, ct);
        return new ReportFacts(partnership, figures.Audit, toolName, figures, cases, agencies, requests, meeting, panel, findings, queries, involvement);
    }

    public async Task<ReportSettings> SettingsAsync(Guid auditId, CancellationToken ct = default) =>
        await db.ReportSettings.AsNoTracking().FirstOrDefaultAsync(s => s.AuditId == auditId, ct)
        ?? new ReportSettings { AuditId = auditId, Sections = [.. ReportSections.DefaultOrder] };

    public async Task<IReadOnlyDictionary<string, ReportNarrative>> NarrativesAsync(Guid auditId, CancellationToken ct = default) =>
        await db.ReportNarratives.AsNoTracking().Where(n => n.AuditId == auditId).ToDictionaryAsync(n => n.Section, ct);

    /// <summary>The report as it stands now; null when the audit is not this partnership's.</summary>
    public async Task<ReportDocument?> BuildAsync(Guid partnershipId, Guid auditId, int version = 0, CancellationToken ct = default)
    {
        var facts = await FactsAsync(partnershipId, auditId, ct);
        if (facts is null) return null;
        return Build(facts, await SettingsAsync(auditId, ct), await NarrativesAsync(auditId, ct), version, Calendar.PartnershipCalendar.LondonDate(clock.GetUtcNow()));
    }

    public static ReportDocument Build(ReportFacts facts, ReportSettings settings, IReadOnlyDictionary<string, ReportNarrative> narratives, int version, DateOnly date)
    {
        var sections = settings.Sections.Select(ReportSections.Find).OfType<ReportSectionDefinition>().Select(definition =>
        {
            if (definition.Kind == ReportSectionKind.Data) return new ReportSectionContent(definition.Key, definition.Title, definition.Appendix, Data(definition.Key, facts));
            var saved = narratives.GetValueOrDefault(definition.Key);
            var text = saved?.Text ?? ReportDrafts.For(definition.Key, facts);
            return new ReportSectionContent(definition.Key, definition.Title, definition.Appendix, Narrative(definition.Key, text, facts), UnreviewedDraft: saved is null);
        }).ToList();
        return new ReportDocument(facts.Partnership, Clean(facts.Audit.Title), "Multi-agency case audit report", date, version, Clean(settings.ProtectiveMarking), sections,
            DataTables(facts, sections.FirstOrDefault(s => s.Key == ReportSections.Recommendations)));
    }

    /// <summary>The data workbook's sheets: every table, whatever sections the report includes.</summary>
    private static List<ReportDataTable> DataTables(ReportFacts f, ReportSectionContent? recommendations)
    {
        var tables = new List<ReportDataTable>();
        var collated = f.Figures.Questions.Select(q => (IReadOnlyList<string>)[Clean(q.Section), Clean(q.AreaName), q.Code, Clean(q.Label), Clean(q.Text), $"{q.Counts.Yes}", $"{q.Counts.No}", $"{q.Counts.Na}", $"{q.Counts.Total}",
            q.Counts.PctYes is { } y ? $"{y}" : "", q.Counts.PctNo is { } n ? $"{n}" : ""]).ToList();
        tables.Add(new ReportDataTable("Collated data", ["Section", "Area", "Code", "Short label", "Question", "Yes", "No", "N/A", "Total", "% Yes", "% No"], collated));
        var (agencies, matrix) = Matrix(f);
        tables.Add(new ReportDataTable("Returns matrix", ["Case", .. agencies.Select(a => a.Code)], matrix));
        tables.Add(new ReportDataTable("Response rates", ["Agency", "Code", "Requested", "Not known to agency", "Completed", "No return", "Response rate %"],
            [.. f.Responses.Select(a => (IReadOnlyList<string>)[a.Agency.Name, a.Agency.Code, $"{a.Sent}", $"{a.NotKnown}", $"{a.Submitted}", $"{a.NoReturn}", a.Rate is { } r ? $"{r}" : ""])]));
        tables.Add(new ReportDataTable("Cases", ["UIN", "Age", "Sex", "Ethnicity", "Area", "Level of need", "MARAC"],
            [.. f.Cases.Select(c => (IReadOnlyList<string>)[c.Uin, c.Unborn ? "Unborn" : c.AgeYears is null ? "" : SampleSpread.AgeName(c), c.Sex.ToString(), Clean(c.Ethnicity), Clean(c.Area ?? ""),
                SampleSpread.LevelName(c.LevelOfNeed), SampleSpread.MaracName(c)])]));
        var panel = f.Panel.ToDictionary(p => p.CaseId);
        tables.Add(new ReportDataTable("Judgements", ["UIN", "Agreed judgement", "Qualifier", "Rationale"],
            [.. f.Cases.Select(c => (IReadOnlyList<string>)[c.Uin, panel.GetValueOrDefault(c.Id)?.AgreedGrade?.DisplayName() ?? "Not judged", Clean(panel.GetValueOrDefault(c.Id)?.AgreedQualifier), Clean(panel.GetValueOrDefault(c.Id)?.Rationale)])]));
        tables.Add(new ReportDataTable("Findings", ["Kind", "Reach", "Theme", "Agency", "Finding", "Cases"],
            [.. f.Findings.Select(x => (IReadOnlyList<string>)[x.Kind == FindingKind.Strength ? "Strength" : "Area for improvement", Finding.Describe(x.Scope), x.Theme, x.Agency ?? "", Clean(x.Text), string.Join(", ", x.Cases)])]));
        var items = recommendations?.Blocks.OfType<ReportList>().SelectMany(l => l.Items).ToList() ?? Paragraphs(ReportDrafts.Recommendations(f)).ToList();
        tables.Add(new ReportDataTable("Recommendations", ["Number", "Recommendation"], [.. items.Select((text, i) => (IReadOnlyList<string>)[$"{i + 1}", text])]));
        return tables;
    }

    private static List<ReportBlock> Narrative(string key, string text, ReportFacts f)
    {
        var paragraphs = Paragraphs(text).ToList();
        var blocks = new List<ReportBlock>();
        if (key == ReportSections.Recommendations)
        {
            if (paragraphs.Count == 0) blocks.Add(new ReportNotice("No recommendations have been written yet."));
            else blocks.Add(new ReportList(paragraphs, Numbered: true));
            return blocks;
        }

        if (paragraphs.Count == 0) blocks.Add(new ReportNotice("This section has not been written yet."));
        else blocks.Add(new ReportRichText(Clean(text).Trim()));
        if (key == ReportSections.ExecutiveSummary) blocks.AddRange(SummaryFindings(f));
        else if (key == ReportSections.Methodology)
        {
            // Recorded on the audit's terms of reference, so it is printed as the lead wrote it there, draft or not.
            if (!string.IsNullOrWhiteSpace(f.Audit.SampleSource))
            {
                blocks.Add(new ReportSubheading("Where the sample came from"));
                blocks.Add(new ReportRichText(Clean(f.Audit.SampleSource).Trim()));
            }

            blocks.Add(ResponseRates(f));
        }

        return blocks;
    }

    /// <summary>
    /// The summary's strengths and areas for improvement, kept apart by reach as the partnerships' reports do: the wider system,
    /// the audit's theme, and single agencies (by agency), each a heading of its own only when it has findings.
    /// </summary>
    private static List<ReportBlock> SummaryFindings(ReportFacts f)
    {
        var blocks = new List<ReportBlock>();
        foreach (var (kind, title, singleTitle) in new[] { (FindingKind.Strength, "Strengths", "Single-agency good practice"), (FindingKind.AreaForImprovement, "Areas for improvement", "Single-agency areas for improvement") })
        {
            blocks.Add(new ReportSubheading(title));
            var found = f.Findings.Where(x => x.Kind == kind).ToList();
            if (found.Count == 0)
            {
                blocks.Add(new ReportNotice($"No {title.ToLowerInvariant()} have been recorded."));
                continue;
            }

            var what = kind == FindingKind.Strength ? "Strengths" : "Areas for improvement";
            var theme = Clean(f.Audit.Theme).Trim();
            foreach (var (scope, heading) in new[] { (FindingScope.WiderSystem, $"{what} in the wider system"), (FindingScope.ThemeSpecific, $"{what} specific to work on {ThemeInSentence(theme)}") })
            {
                var items = found.Where(x => x.Scope == scope).Select(x => Clean(x.Text).Trim()).ToList();
                if (items.Count == 0) continue;
                blocks.Add(new ReportSubheading(heading, 3));
                blocks.Add(new ReportList(items));
            }

            var single = found.Where(x => x.Scope == FindingScope.SingleAgency).ToList();
            if (single.Count == 0) continue;
            blocks.Add(new ReportSubheading(singleTitle, 3));
            blocks.Add(new ReportList([.. single.OrderBy(x => x.Agency ?? "", StringComparer.Ordinal).Select(x => $"{x.Agency ?? "Agency not recorded"}: {Clean(x.Text).Trim()}")]));
        }

        return blocks;
    }

    /// <summary>A theme mid-sentence: lower-cased first letter unless its first word is an acronym ("MARAC", "CSE").</summary>
    private static string ThemeInSentence(string theme)
    {
        if (theme.Length == 0) return theme;
        var first = theme.Split(' ')[0];
        return first.Length > 1 && first.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? theme : char.ToLowerInvariant(theme[0]) + theme[1..];
    }

    private static List<ReportBlock> Data(string key, ReportFacts f) => key switch
    {
        ReportSections.CaseSummaries => CaseSummaries(f),
        ReportSections.ThematicAnalysis => ThematicAnalysis(f),
        ReportSections.SingleAgency => SingleAgency(f),
        ReportSections.Tool => Tool(f),
        ReportSections.Cases => [CaseTable(f)],
        ReportSections.ReturnsMatrix => [ReturnsMatrix(f)],
        ReportSections.CollatedData => CollatedData(f),
        _ => [],
    };

    private static ReportBlock ResponseRates(ReportFacts f)
    {
        var rows = f.Responses.Select(a => (IReadOnlyList<string>)[a.Agency.Name, $"{a.Sent}", $"{a.NotKnown}", $"{a.Submitted}", a.Rate is { } r ? $"{r}%" : "–"]).ToList();
        if (rows.Count == 0) return new ReportNotice("No returns have been requested, so there are no response rates.");
        var r = f.Figures.Returns;
        rows.Add(["All agencies", $"{r.Requested}", $"{r.NotKnown}", $"{r.Submitted}", r.ResponseRatePct is { } p ? $"{p}%" : "–"]);
        return new ReportTable("Returns requested and completed, by agency", ["Agency", "Requested", "Not known to agency", "Completed", "Response rate"], rows,
            "The response rate is of requests the agency knew the family for (requested less not known).");
    }

    private static List<ReportBlock> CaseSummaries(ReportFacts f)
    {
        if (f.Cases.Count == 0) return [new ReportNotice("No cases have been added to this audit.")];
        if (f.Panel.Count == 0) return [new ReportNotice("No panel record has been made yet, so there are no case summaries.")];
        var blocks = new List<ReportBlock>();
        foreach (var c in f.Cases)
        {
            blocks.Add(new ReportSubheading(f.CaseLabel(c)));
            var record = f.Panel.FirstOrDefault(p => p.CaseId == c.Id);
            if (record is null)
            {
                blocks.Add(new ReportNotice("The panel has not recorded this case."));
                continue;
            }

            void Part(string label, string? text)
            {
                if (string.IsNullOrWhiteSpace(text)) return;
                // The label in bold, then the panel's own text with its sub-headings, lists and emphasis.
                blocks.Add(new ReportRichText($"**{label}**\n\n{Clean(text).Trim()}"));
            }

            Part("Pen picture", record.PenPicture);
            Part("What worked well", record.WorkedWell);
            Part("Areas for improvement", record.AreasForImprovement);
            Part("Learning", record.Learning);
            blocks.Add(new ReportParagraph(record.AgreedGrade is { } grade
                ? $"Agreed partnership judgement: {new CompoundJudgement(grade, Clean(record.AgreedQualifier))}." + (string.IsNullOrWhiteSpace(record.Rationale) ? "" : $" {Clean(record.Rationale).Trim()}")
                : "The panel did not agree a partnership judgement for this case."));
        }

        return blocks;
    }

    private static List<ReportBlock> ThematicAnalysis(ReportFacts f)
    {
        var blocks = new List<ReportBlock>();
        var figures = f.Figures;
        if (figures.Returns.Submitted == 0)
        {
            blocks.Add(new ReportNotice("No returns have been submitted, so there are no figures to analyse."));
        }
        else
        {
            blocks.Add(new ReportParagraph($"The figures below are drawn from the {Count(figures.Returns.Submitted, "return", "returns")} completed. Across the tool, {figures.ToolWide.PctYes?.ToString() ?? "–"}% of Yes and No answers were Yes."));
            foreach (var section in figures.Sections)
            {
                blocks.Add(new ReportSubheading(Clean(section.Title)));
                var questions = figures.Questions.Where(q => q.SectionId == section.SectionId).ToList();
                if (questions.Count == 0 || section.Counts.Total == 0)
                {
                    blocks.Add(new ReportNotice("No Yes or No answers were given in this section."));
                }
                else
                {
                    blocks.Add(new ReportParagraph($"{section.Counts.PctYes}% of answers in this section were Yes ({section.Counts.Yes} of {section.Counts.Total})."));
                    blocks.Add(new ReportChart($"Percentage of Yes answers: {Clean(section.Title)}",
                        $"Bar chart of the percentage of Yes answers for each question in \"{Clean(section.Title)}\": " +
                        string.Join("; ", questions.Select(q => $"{q.Code} {(q.Counts.PctYes is { } p ? $"{p}%" : "no answers")}")) + ". The same figures are in the collated data appendix.",
                        "% Yes", [.. questions.Select(q => new ReportBar(q.Code, q.Counts.PctYes ?? 0))], 100));
                }

                if (section.Judgements.Values.Sum() > 0)
                {
                    var grades = f.SectionOrderGrades.Where(g => section.Judgements.GetValueOrDefault(g) > 0).Select(g => $"{section.Judgements[g]} {g.DisplayName().ToLowerInvariant()}").ToList();
                    blocks.Add(new ReportParagraph($"Agencies' judgements of this section: {Join(grades)}."));
                }
            }
        }

        blocks.Add(new ReportSubheading("Partnership judgements"));
        var judged = f.Figures.CaseJudgements.Values.Sum();
        if (judged == 0)
        {
            blocks.Add(new ReportNotice("No case has an agreed partnership judgement yet."));
        }
        else
        {
            blocks.Add(new ReportParagraph(ReportDrafts.Judgements(f)));
            var bars = f.SectionOrderGrades.Select(g => new ReportBar(g.DisplayName(), f.Figures.CaseJudgements.GetValueOrDefault(g))).ToList();
            blocks.Add(new ReportChart("Agreed partnership judgements", $"Bar chart of the number of cases by agreed partnership judgement: {string.Join("; ", bars.Select(b => $"{b.Label} {b.Value}"))}.", "Cases", bars));
            string Qualified(Grade g) => string.Join("; ", f.Panel.Where(p => p.AgreedGrade == g && !string.IsNullOrWhiteSpace(p.AgreedQualifier))
                .GroupBy(p => ReportDrafts.Qualifier(p.AgreedQualifier!)).OrderByDescending(x => x.Count()).Select(x => $"{x.Count()} with {x.Key}"));
            blocks.Add(new ReportTable("Agreed partnership judgements", ["Judgement", "Cases", "Of which"],
                [.. f.SectionOrderGrades.Select(g => (IReadOnlyList<string>)[g.DisplayName(), $"{f.Figures.CaseJudgements.GetValueOrDefault(g)}", Qualified(g)]), ["Not judged", $"{f.Figures.CasesNotJudged}", ""]],
                "A compound judgement (\"Good, elements of requires improvement\") is counted under its grade and shown in the last column."));
        }

        blocks.Add(new ReportSubheading("Findings by theme"));
        var shared = f.Findings.Where(x => x.Scope != FindingScope.SingleAgency).ToList();
        if (shared.Count == 0) blocks.Add(new ReportNotice("No findings across agencies have been recorded."));
        foreach (var theme in shared.GroupBy(x => x.Theme).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            blocks.Add(new ReportParagraph($"{theme.Key}:"));
            blocks.Add(new ReportList([.. theme.Select(x => $"{(x.Kind == FindingKind.Strength ? "Strength" : "Area for improvement")} ({Finding.Describe(x.Scope).ToLowerInvariant()}): {Clean(x.Text).Trim()}" +
                (x.Cases.Count > 0 ? $" (cases {string.Join(", ", x.Cases)})" : ""))]));
        }

        return blocks;
    }

    /// <summary>Good practice first, then areas for improvement, each by agency; themes as the partnership typed them.</summary>
    private static List<ReportBlock> SingleAgency(ReportFacts f)
    {
        var single = f.Findings.Where(x => x.Scope == FindingScope.SingleAgency).ToList();
        if (single.Count == 0) return [new ReportNotice("No findings about a single agency's practice have been recorded.")];
        var blocks = new List<ReportBlock>();
        foreach (var (kind, title) in new[] { (FindingKind.Strength, "Single-agency good practice"), (FindingKind.AreaForImprovement, "Single-agency areas for improvement") })
        {
            blocks.Add(new ReportSubheading(title));
            var found = single.Where(x => x.Kind == kind).ToList();
            if (found.Count == 0)
            {
                blocks.Add(new ReportNotice($"No {title[0..1].ToLowerInvariant() + title[1..]} has been recorded."));
                continue;
            }

            foreach (var agency in found.GroupBy(x => x.Agency ?? "Agency not recorded").OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                blocks.Add(new ReportSubheading(agency.Key, 3));
                blocks.Add(new ReportList([.. agency.Select(x => $"{Clean(x.Text).Trim()} ({x.Theme})")]));
            }
        }

        return blocks;
    }

    private static List<ReportBlock> Tool(ReportFacts f)
    {
        var blocks = new List<ReportBlock> { new ReportParagraph($"{Clean(f.ToolName)}, version {f.Figures.ToolVersion.Number}.") };
        foreach (var section in f.Figures.ToolVersion.Sections.OrderBy(s => s.Order))
        {
            blocks.Add(new ReportSubheading(Clean(section.Title)));
            blocks.Add(new ReportList([.. section.Questions.OrderBy(q => q.Order).Select(q => $"{q.Code}: {Clean(q.Text)}")]));
        }

        return blocks;
    }

    private static ReportBlock CaseTable(ReportFacts f)
    {
        if (f.Cases.Count == 0) return new ReportNotice("No cases have been added to this audit.");
        return new ReportTable("The cases audited", ["Case", "UIN", "Age", "Sex", "Ethnicity", "Area", "Level of need", "MARAC"],
            [.. f.Cases.Select((c, i) => (IReadOnlyList<string>)[$"{i + 1}", c.Uin, SampleSpread.AgeName(c),
                SampleSpread.SexName(c.Sex), Clean(c.Ethnicity), Clean(c.Area ?? "Not recorded"), SampleSpread.LevelName(c.LevelOfNeed), SampleSpread.MaracName(c)])]);
    }

    public const string MatrixKey = "R: returned. NK: not known to the agency. NR: no return received. O: requested, not yet returned. –: not requested.";

    public static string MatrixCell(ReturnStatus? status) => status switch
    {
        null => "–",
        ReturnStatus.Submitted => "R",
        ReturnStatus.NotKnownToAgency => "NK",
        ReturnStatus.NoReturn => "NR",
        _ => "O",
    };

    /// <summary>The agencies asked for returns, and one row per case: its UIN and each agency's cell (<see cref="MatrixCell"/>).</summary>
    private static (List<Agencies.Agency> Agencies, List<IReadOnlyList<string>> Rows) Matrix(ReportFacts f)
    {
        var agencies = f.Agencies.Where(a => f.Requests.Any(r => r.AgencyId == a.Id)).ToList();
        var status = f.Requests.ToDictionary(r => (r.CaseId, r.AgencyId), r => r.Status);
        return (agencies, [.. f.Cases.Select(c => (IReadOnlyList<string>)[c.Uin, .. agencies.Select(a => MatrixCell(status.TryGetValue((c.Id, a.Id), out var s) ? s : null))])]);
    }

    /// <summary>
    /// Agencies as rows and cases as columns (numbered as in the cases appendix), as the partnerships' reports set it out, with each
    /// agency's response rate at the end of its row: 20 agencies make 20 rows, not 20 columns broken mid-code.
    /// </summary>
    private static ReportBlock ReturnsMatrix(ReportFacts f)
    {
        var agencies = f.Agencies.Where(a => f.Requests.Any(r => r.AgencyId == a.Id)).ToList();
        if (agencies.Count == 0 || f.Cases.Count == 0) return new ReportNotice("No returns have been requested, so there is no returns matrix.");
        var status = f.Requests.ToDictionary(r => (r.CaseId, r.AgencyId), r => r.Status);
        var rows = agencies.Select(a => (IReadOnlyList<string>)[Clean(a.Name), .. f.Cases.Select(c => MatrixCell(status.TryGetValue((c.Id, a.Id), out var s) ? s : null)),
            f.Responses.First(r => r.Agency.Id == a.Id).Rate is { } rate ? $"{rate}%" : "–"]).ToList();
        return new ReportTable("Returns by agency and case", ["Agency", .. f.Cases.Select((_, i) => $"{i + 1}"), "Response rate"], rows,
            MatrixKey + " Cases: " + string.Join("; ", f.Cases.Select((c, i) => $"{i + 1} {c.Uin}")) + ".");
    }

    private static List<ReportBlock> CollatedData(ReportFacts f)
    {
        var figures = f.Figures;
        if (figures.Questions.Count == 0) return [new ReportNotice("The tool has no Yes/No questions, so there is nothing to collate.")];
        var blocks = new List<ReportBlock>();
        if (figures.Returns.Submitted == 0) blocks.Add(new ReportNotice("No returns have been submitted: every count below is zero."));
        // One table as partnerships print it: the area once, on its first row (fewer repeated words to read); each question by its short label.
        var rows = new List<IReadOnlyList<string>>();
        string? area = null;
        foreach (var q in figures.Questions)
        {
            var name = Clean(q.AreaName);
            rows.Add([name == area ? "" : name, .. CollatedRow(q.Code, Clean(q.Label), q.Counts)]);
            area = name;
        }

        rows.Add(["", .. CollatedRow("", "Whole tool", figures.ToolWide)]);
        var labelled = figures.Questions.Any(q => q.ShortLabel is not null);
        blocks.Add(new ReportTable("Collated data: answers to every question across all completed returns", ["Area", "Ref", labelled ? "Outcome" : "Question", "Yes", "No", "N/A", "Total", "% Yes", "% No"], rows,
            "Total is Yes plus No; percentages are of that total (N/A left out), rounded half away from zero." +
            (labelled ? " Each question is shown by its short label; the whole questions are in the tool." : "")));
        return blocks;
    }

    private static IReadOnlyList<string> CollatedRow(string code, string text, AnswerCounts c) =>
        [code, text, $"{c.Yes}", $"{c.No}", $"{c.Na}", $"{c.Total}", c.PctYes is { } y ? $"{y}" : "–", c.PctNo is { } n ? $"{n}" : "–"];
}
