using Microsoft.EntityFrameworkCore;
using Parallax.Core.Analysis;
using Parallax.Core.Cases;
using Parallax.Core.Data;
using Parallax.Core.Findings;
using Parallax.Core.Returns;
using Parallax.Core.Tools;
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
        return new ReportFacts(partnership, figures.Audit, toolName, figures, cases, agencies, requests, meeting, panel, findings, queries);
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
        var collated = f.Figures.Questions.Select(q => (IReadOnlyList<string>)[Clean(q.Section), q.Code, Clean(q.Text), $"{q.Counts.Yes}", $"{q.Counts.No}", $"{q.Counts.Na}", $"{q.Counts.Total}",
            q.Counts.PctYes is { } y ? $"{y}" : "", q.Counts.PctNo is { } n ? $"{n}" : ""]).ToList();
        tables.Add(new ReportDataTable("Collated data", ["Section", "Code", "Question", "Yes", "No", "N/A", "Total", "% Yes", "% No"], collated));
        var (agencies, matrix) = Matrix(f);
        tables.Add(new ReportDataTable("Returns matrix", ["Case", .. agencies.Select(a => a.Code)], matrix));
        tables.Add(new ReportDataTable("Response rates", ["Agency", "Code", "Requested", "Not known to agency", "Completed", "No return", "Response rate %"],
            [.. f.Responses.Select(a => (IReadOnlyList<string>)[a.Agency.Name, a.Agency.Code, $"{a.Sent}", $"{a.NotKnown}", $"{a.Submitted}", $"{a.NoReturn}", a.Rate is { } r ? $"{r}" : ""])]));
        tables.Add(new ReportDataTable("Cases", ["UIN", "Age", "Sex", "Ethnicity", "Area", "Level of need", "MARAC"],
            [.. f.Cases.Select(c => (IReadOnlyList<string>)[c.Uin, c.Unborn ? "Unborn" : c.AgeYears is { } age ? $"{age}" : "", c.Sex.ToString(), Clean(c.Ethnicity), Clean(c.Area ?? ""),
                SampleSpread.LevelName(c.LevelOfNeed), c.HeardAtMarac ? "Yes" : "No"])]));
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
        blocks.AddRange(paragraphs.Select(p => new ReportParagraph(p)));
        if (key == ReportSections.ExecutiveSummary)
        {
            foreach (var (kind, title) in new[] { (FindingKind.Strength, "Strengths"), (FindingKind.AreaForImprovement, "Areas for improvement") })
            {
                blocks.Add(new ReportSubheading(title));
                var items = f.Findings.Where(x => x.Kind == kind && x.Scope != FindingScope.SingleAgency).Select(x => Clean(x.Text).Trim()).ToList();
                blocks.Add(items.Count > 0 ? new ReportList(items) : new ReportNotice($"No {title.ToLowerInvariant()} across agencies have been recorded."));
            }
        }
        else if (key == ReportSections.Methodology)
        {
            blocks.Add(ResponseRates(f));
        }

        return blocks;
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
                var paragraphs = Paragraphs(text).ToList();
                if (paragraphs.Count == 0) return;
                blocks.Add(new ReportParagraph($"{label}: {paragraphs[0]}"));
                blocks.AddRange(paragraphs.Skip(1).Select(p => new ReportParagraph(p)));
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
            blocks.Add(new ReportTable("Agreed partnership judgements", ["Judgement", "Cases"], [.. bars.Select(b => (IReadOnlyList<string>)[b.Label, $"{b.Value}"]), ["Not judged", $"{f.Figures.CasesNotJudged}"]]));
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

    private static List<ReportBlock> SingleAgency(ReportFacts f)
    {
        var single = f.Findings.Where(x => x.Scope == FindingScope.SingleAgency).ToList();
        if (single.Count == 0) return [new ReportNotice("No findings about a single agency's practice have been recorded.")];
        var blocks = new List<ReportBlock>();
        foreach (var agency in single.GroupBy(x => x.Agency ?? "Agency not recorded").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            blocks.Add(new ReportSubheading(agency.Key));
            blocks.Add(new ReportList([.. agency.Select(x => $"{(x.Kind == FindingKind.Strength ? "Strength" : "Area for improvement")} ({x.Theme.ToLowerInvariant()}): {Clean(x.Text).Trim()}")]));
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
                SampleSpread.SexName(c.Sex), Clean(c.Ethnicity), Clean(c.Area ?? "Not recorded"), SampleSpread.LevelName(c.LevelOfNeed), c.HeardAtMarac ? "Yes" : "No"])]);
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

    private static ReportBlock ReturnsMatrix(ReportFacts f)
    {
        var (agencies, rows) = Matrix(f);
        if (agencies.Count == 0 || f.Cases.Count == 0) return new ReportNotice("No returns have been requested, so there is no returns matrix.");
        rows.Add(["Response rate", .. agencies.Select(a => f.Responses.First(r => r.Agency.Id == a.Id).Rate is { } rate ? $"{rate}%" : "–")]);
        return new ReportTable("Returns by case and agency", ["Case", .. agencies.Select(a => a.Code)], rows,
            MatrixKey + " Agencies: " + string.Join("; ", agencies.Select(a => $"{a.Code} {a.Name}")) + ".");
    }

    private static List<ReportBlock> CollatedData(ReportFacts f)
    {
        var figures = f.Figures;
        if (figures.Questions.Count == 0) return [new ReportNotice("The tool has no Yes/No questions, so there is nothing to collate.")];
        var blocks = new List<ReportBlock>();
        if (figures.Returns.Submitted == 0) blocks.Add(new ReportNotice("No returns have been submitted: every count below is zero."));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var section in figures.Sections)
        {
            foreach (var q in figures.Questions.Where(q => q.SectionId == section.SectionId)) rows.Add(CollatedRow(q.Code, Clean(q.Text), q.Counts));
            rows.Add(CollatedRow("", $"Section total: {Clean(section.Title)}", section.Counts));
        }

        rows.Add(CollatedRow("", "Whole tool", figures.ToolWide));
        blocks.Add(new ReportTable("Collated data: answers to every question across all completed returns", ["Code", "Question", "Yes", "No", "N/A", "Total", "% Yes", "% No"], rows,
            "Total is Yes plus No; percentages are of that total (N/A left out), rounded half away from zero."));
        return blocks;
    }

    private static IReadOnlyList<string> CollatedRow(string code, string text, AnswerCounts c) =>
        [code, text, $"{c.Yes}", $"{c.No}", $"{c.Na}", $"{c.Total}", c.PctYes is { } y ? $"{y}" : "–", c.PctNo is { } n ? $"{n}" : "–"];
}
