using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace Parallax.Tests.Reports;

/// <summary>
/// The report of the hand-built figures audit (TestAudits.FiguresAuditAsync, whose figures are worked out by
/// hand in AnalysisTests), with a panel record on two cases and two findings: read back from Word, the
/// workbook and the PDF, and compared with `audit stats` and the requests' statuses.
/// </summary>
public abstract class ReportTests(ParallaxAppFactory app)
{
    private async Task<Guid> ReportedAuditAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var partnership = app.Data.Partnership.Id;
        var audit = await TestAudits.FiguresAuditAsync(s, app.Data, "Reported audit");
        var db = s.GetRequiredService<ParallaxDbContext>();
        var cases = await db.AuditCases.Where(ac => ac.AuditId == audit).Join(db.Cases, ac => ac.CaseId, c => c.Id, (ac, c) => c).OrderBy(c => c.Uin).ToListAsync();
        var panel = s.GetRequiredService<PanelRecords>();
        await panel.SaveMeetingAsync(partnership, audit, new DateOnly(2030, 7, 1), ["TPOL: detective sergeant", "TEDU: designated safeguarding lead"]);
        await panel.SaveAsync(partnership, audit, cases[0].Id, null, new PanelCaseInput("10:00", "A boy of four living with his mother.", "Seen alone at school.", "No chronology.", "Chronologies matter.", Grade.Good, null, "Agencies worked together."), "lead");
        await panel.SaveAsync(partnership, audit, cases[1].Id, null, new PanelCaseInput("10:40", "A boy of four.", "Prompt referral.", "Father not seen.", "Think family.", Grade.RequiresImprovement, null, "Father never assessed."), "lead");
        var findings = s.GetRequiredService<AuditFindings>();
        var themes = await findings.ThemesAsync(partnership);
        await findings.AddAsync(partnership, audit, new FindingInput(FindingKind.Strength, FindingScope.WiderSystem, null, themes.First(t => t.Name == "Information sharing").Id, "Referrals were shared the same day", [cases[0].Id]));
        await findings.AddAsync(partnership, audit, new FindingInput(FindingKind.AreaForImprovement, FindingScope.SingleAgency, app.Data.Police.Id, themes.First(t => t.Name == "Chronology").Id, "Police chronologies were not kept up to date", [cases[1].Id]));
        return audit;
    }

    private async Task<ReportDocument> BuildAsync(Guid audit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ReportBuilder>().BuildAsync(app.Data.Partnership.Id, audit))!;
    }

    private static List<string> ValidationErrors(WordprocessingDocument document) =>
        [.. new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}")];

    /// <summary>Each table of the document with the caption paragraph just before it.</summary>
    private static List<(string Caption, List<List<string>> Rows)> Tables(Body body) =>
        [.. body.Elements<Table>().Select(t => (
            Caption: (t.PreviousSibling<Paragraph>()?.InnerText ?? ""),
            Rows: t.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList()))];

    [Fact]
    public async Task Word_HasEveryHeadingInOrder_ValidatesCleanly_AndEveryChartHasAltText()
    {
        var audit = await ReportedAuditAsync();

        var bytes = ReportDocx.Write(await BuildAsync(audit));

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = ValidationErrors(document);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var body = document.MainDocumentPart!.Document!.Body!;
        var headings = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Equal(ReportSections.All.Select(s => s.Title), headings);
        Assert.Contains(body.Descendants<FieldCode>(), f => f.Text.Contains("TOC \\o", StringComparison.Ordinal));
        Assert.Contains(document.MainDocumentPart.FooterParts.SelectMany(f => f.Footer!.Descendants<FieldCode>()), f => f.Text.Trim() == "PAGE");
        Assert.Equal("OFFICIAL-SENSITIVE", document.MainDocumentPart.HeaderParts.Single().Header!.InnerText);
        // Two charts: % Yes for the tool's one section, and the partnership judgements. Each says what it shows.
        var pictures = body.Descendants<DW.DocProperties>().ToList();
        Assert.Equal(2, pictures.Count);
        Assert.All(pictures, p => Assert.False(string.IsNullOrWhiteSpace(p.Description?.Value)));
        Assert.Contains("Good 1; Requires improvement 1", pictures[1].Description!.Value);
        // The recommendation drafted from the area for improvement is a numbered list item.
        var recommendation = body.Elements<Paragraph>().Single(p => p.InnerText.StartsWith("In order to address the finding on Chronology, \u201cPolice chronologies were not kept up to date\u201d, Testshire Police to agree", StringComparison.Ordinal));
        var numbering = document.MainDocumentPart.NumberingDefinitionsPart!.Numbering!;
        var instance = numbering.Elements<NumberingInstance>().Single(n => n.NumberID!.Value == recommendation.ParagraphProperties!.NumberingProperties!.NumberingId!.Val!.Value);
        var definition = numbering.Elements<AbstractNum>().Single(a => a.AbstractNumberId!.Value == instance.AbstractNumId!.Val!.Value);
        Assert.Equal(NumberFormatValues.Decimal, definition.Elements<Level>().First().NumberingFormat!.Val!.Value);
    }

    [Fact]
    public async Task CollatedData_EqualsAuditStats_AndTheReturnsMatrix_MatchesEachRequestsStatus()
    {
        var audit = await ReportedAuditAsync();
        var stats = await CommandResult.RunAsync(["--provider", app.Database.ProviderName, "--db", app.Database.ConnectionString, "audit", "stats", audit.ToString(), "--partnership", app.Data.Partnership.Name]);
        Assert.True(stats.ExitCode == 0, stats.Error);
        var questions = JsonNode.Parse(stats.Output)!["questions"]!.AsArray();

        using var document = WordprocessingDocument.Open(new MemoryStream(ReportDocx.Write(await BuildAsync(audit))), false);
        var tables = Tables(document.MainDocumentPart!.Document!.Body!);

        var collated = tables.Single(t => t.Caption.Contains("Collated data", StringComparison.Ordinal)).Rows;
        // The tool (the trigger-trio template) gives each question a short label and an area: the table shows those.
        Assert.Equal(["Area", "Ref", "Outcome", "Yes", "No", "N/A", "Total", "% Yes", "% No"], collated[0]);
        Assert.Equal(["Assessment", "TT1", "Three risks and how they combine identified"], collated.Single(r => r[1] == "TT1").Take(3));
        foreach (var q in questions)
        {
            var row = collated.Single(r => r[1] == (string)q!["code"]!);
            string Pct(string key) => q![key] is { } v ? $"{(int)v}" : "–";
            Assert.Equal([$"{(int)q!["yes"]!}", $"{(int)q["no"]!}", $"{(int)q["na"]!}", $"{(int)q["total"]!}", Pct("pctYes"), Pct("pctNo")], row.Skip(3));
        }

        // Worked out by hand (AnalysisTests): TT1 is 1 yes and 7 no, 13% and 88%.
        Assert.Equal(["TT1", "1", "7", "0", "8", "13", "88"], collated.Single(r => r[1] == "TT1").Skip(1).Where((_, i) => i != 1));

        // Cases 0-3: police and school returned. Case 4: the police's return is still a draft; the school was not asked.
        // Agencies as rows (by name), cases as numbered columns, each agency's response rate at the end of its row.
        var matrix = tables.Single(t => t.Caption.Contains("Returns by agency and case", StringComparison.Ordinal)).Rows;
        Assert.Equal(["Agency", "1", "2", "3", "4", "5", "Response rate"], matrix[0]);
        Assert.Equal(["Testshire Police", "R", "R", "R", "R", "O", "80%"], matrix[1]);
        Assert.Equal(["Testshire Schools", "R", "R", "R", "R", "–", "100%"], matrix[2]);
    }

    [Fact]
    public async Task Workbook_HasASheetPerTable_WithNumbersStoredAsNumbers()
    {
        var audit = await ReportedAuditAsync();

        var bytes = ReportWorkbook.Write(await BuildAsync(audit));

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var part = workbook.WorkbookPart!;
        var sheets = part.Workbook!.Descendants<X.Sheet>().ToDictionary(s => s.Name!.Value!, s => (WorksheetPart)part.GetPartById(s.Id!.Value!));
        Assert.Equal(["About", "Collated data", "Returns matrix", "Response rates", "Cases", "Judgements", "Findings", "Recommendations"], sheets.Keys);
        var rows = sheets["Collated data"].Worksheet!.Descendants<X.Row>().Select(r => r.Elements<X.Cell>().ToList()).ToList();
        var tt1 = rows.Single(r => r[2].InnerText == "TT1");
        Assert.Equal(["1", "7", "0", "8", "13", "88"], tt1.Skip(5).Select(c => c.CellValue!.Text));
        Assert.All(tt1.Skip(5), c => Assert.Equal(X.CellValues.Number, c.DataType!.Value));
        var findings = sheets["Findings"].Worksheet!.Descendants<X.Row>().Skip(1).Select(r => r.Elements<X.Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Contains(findings, f => f[0] == "Area for improvement" && f[3] == "Testshire Police" && f[4] == "Police chronologies were not kept up to date");
    }

    [Fact]
    public async Task Pdf_IsTheWordReportThroughLibreOffice_WithItsText()
    {
        var audit = await ReportedAuditAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<AuditReports>();

        var file = await reports.RenderAsync(await BuildAsync(audit), ReportFormat.Pdf);

        Assert.Equal("application/pdf", file.ContentType);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(file.Content);
        var pages = pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        Assert.True(pages.Count >= 10, $"{pages.Count} pages");
        Assert.Contains("Reported audit", pages[0]);
        Assert.Contains("Page 1 of", pages[0]);
        Assert.Contains(pages, p => p.Contains("Executive summary", StringComparison.Ordinal) && p.Contains("Strengths", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("Police chronologies were not kept up to date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAuditWithNoReturnsOrPanel_SaysSo_AndBadCharactersAndLongTextStillMakeAValidPaginatedReport()
    {
        Guid audit;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            audit = (await TestAudits.CreateAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Empty \u0001audit")).Id;
            await TestAudits.AddCaseAsync(scope.ServiceProvider, app.Data.Partnership.Id, audit, TestAudits.NewUin("EM"));
            // 60 paragraphs of about 600 characters; a form feed, a vertical tab and half a surrogate pair pasted in at the end.
            var paragraphs = Enumerable.Range(1, 60).Select(i => $"Paragraph {i}: " + string.Concat(Enumerable.Repeat("The panel considered the agencies' returns in turn. ", 11)));
            var text = string.Join("\n\n", paragraphs) + "\n\nThe last paragraph\f ends here\v.\uD800";
            await scope.ServiceProvider.GetRequiredService<AuditReports>().SaveNarrativeAsync(app.Data.Partnership.Id, audit, ReportSections.Conclusions, null, text, "lead");
        }

        var report = await BuildAsync(audit);
        var bytes = ReportDocx.Write(report);

        using (var document = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            Assert.Empty(ValidationErrors(document));
            var text = document.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("Empty audit", text);
            Assert.Contains("No returns have been submitted, so there are no figures to analyse.", text);
            Assert.Contains("No panel record has been made yet, so there are no case summaries.", text);
            Assert.Contains("No returns have been requested, so there is no returns matrix.", text);
            Assert.Contains("The last paragraph ends here.", text);
        }

        await using var pdfScope = app.Services.CreateAsyncScope();
        var pdf = await pdfScope.ServiceProvider.GetRequiredService<AuditReports>().RenderAsync(report, ReportFormat.Pdf);
        using var read = UglyToad.PdfPig.PdfDocument.Open(pdf.Content);
        var pages = read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        var conclusions = pages.FindIndex(p => p.Contains("Paragraph 1:", StringComparison.Ordinal));
        var last = pages.FindIndex(p => p.Contains("Paragraph 60:", StringComparison.Ordinal));
        Assert.True(conclusions >= 0 && last - conclusions >= 5, $"The conclusions start on page {conclusions + 1} and reach paragraph 60 on page {last + 1}");
    }

    [Fact]
    public async Task Versions_AreNumbered_FinalNeedsTheIdentifierCheck_ThenFreezes_AndDownloadsAreRecorded()
    {
        var audit = await ReportedAuditAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<AuditReports>();
        var partnership = app.Data.Partnership.Id;

        Assert.Equal(1, (await reports.GenerateAsync(partnership, audit, "lead")).Number);
        var saved = await reports.SaveNarrativeAsync(partnership, audit, ReportSections.ExecutiveSummary, null, "Mrs Brown's family was known to everyone. Call 07700 900123.", "lead");
        // A second editor working from the generated draft cannot overwrite the saved text.
        var stale = await Assert.ThrowsAsync<EditConflictException>(() => reports.SaveNarrativeAsync(partnership, audit, ReportSections.ExecutiveSummary, null, "Other text", "panel"));
        Assert.Contains("Nothing was overwritten", stale.Message);
        Assert.Equal(2, (await reports.GenerateAsync(partnership, audit, "lead")).Number);

        var found = await reports.FinaliseAsync(partnership, audit, 2, confirmIdentifiers: false, "lead");

        Assert.Contains(found, f => f.Finding.Kind == Parallax.Core.Privacy.IdentifierKind.PhoneNumber && f.Section == "Executive summary");
        Assert.DoesNotContain(await reports.VersionsAsync(partnership, audit), v => v.IsFinal);

        Assert.Empty(await reports.FinaliseAsync(partnership, audit, 2, confirmIdentifiers: true, "lead"));
        Assert.True((await reports.VersionsAsync(partnership, audit)).Single(v => v.Number == 2).IsFinal);
        var frozen = await Assert.ThrowsAsync<DomainException>(() => reports.GenerateAsync(partnership, audit, "lead"));
        Assert.Contains("frozen", frozen.Message);
        await Assert.ThrowsAsync<DomainException>(() => reports.SaveNarrativeAsync(partnership, audit, ReportSections.ExecutiveSummary, saved, "Changed", "lead"));

        var file = await reports.DownloadAsync(partnership, audit, 2, ReportFormat.Xlsx, "lead@testshire.example");
        Assert.NotNull(file);
        Assert.Null(await reports.DownloadAsync(Guid.NewGuid(), audit, 2, ReportFormat.Xlsx, "someone else"));
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var version = await db.ReportVersions.SingleAsync(v => v.AuditId == audit && v.Number == 2);
        var download = await db.ReportDownloads.SingleAsync(d => d.ReportVersionId == version.Id);
        Assert.Equal((ReportFormat.Xlsx, "lead@testshire.example"), (download.Format, download.DownloadedBy));
        Assert.Contains(await db.Set<AuditEvent>().Where(e => e.Entity == nameof(ReportDownload) && e.EntityKey == download.Id.ToString()).FieldsAsync(), e => e.Field == nameof(ReportDownload.DownloadedBy));
    }

    [Fact]
    public async Task TheLead_EditsTheSummary_Previews_Generates_AndDownloadsWord()
    {
        var audit = await ReportedAuditAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var section = $"/audits/{audit}/report/sections/{ReportSections.ExecutiveSummary}";
        var form = await lead.GetDocumentAsync(section);
        Assert.StartsWith("This report sets out the findings of a multi-agency case audit", form.QuerySelector("textarea#Text")!.TextContent.Trim());

        var saved = await lead.SubmitFormAsync(section, new() { ["Text"] = "Our own summary of the audit.\n\nA second paragraph.", ["Expected"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var preview = await lead.GetDocumentAsync($"/audits/{audit}/report/preview");
        Assert.Contains("Our own summary of the audit.", preview.QuerySelector("#report")!.TextContent);
        Assert.NotNull(preview.QuerySelector("#report img[alt^='Bar chart']"));

        var badOrder = await lead.SubmitFormAsync($"/audits/{audit}/report?handler=Settings", new() { ["Include"] = ReportSections.ExecutiveSummary, [$"Position[{ReportSections.ExecutiveSummary}]"] = "first", ["Marking"] = "OFFICIAL" }, $"/audits/{audit}/report");
        Assert.Contains("as a whole number from 1 to 99", (await badOrder.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);

        var generated = await lead.SubmitFormAsync($"/audits/{audit}/report?handler=Generate", [], $"/audits/{audit}/report");
        Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);
        var word = await lead.GetAsync($"/audits/{audit}/report?handler=Download&number=1&format=Docx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", word.Content.Headers.ContentType!.MediaType);
        using var document = WordprocessingDocument.Open(new MemoryStream(await word.Content.ReadAsByteArrayAsync()), false);
        Assert.Contains("Our own summary of the audit.", document.MainDocumentPart!.Document!.Body!.InnerText);
        var page = await lead.GetDocumentAsync($"/audits/{audit}/report");
        Assert.Contains("DOCX of version 1", page.QuerySelector("#downloads")!.TextContent);
        // Before marking it final the lead is told which sections nobody has reviewed: all but the summary.
        var unreviewed = (await lead.GetDocumentAsync($"/audits/{audit}/report/versions/1/final")).QuerySelector("#unreviewed")!.TextContent;
        Assert.Contains("Introduction and background", unreviewed);
        Assert.DoesNotContain("Executive summary", unreviewed);
    }

    /// <summary>Every Markdown construct of the subset, and a payload that must come out inert.</summary>
    private const string RichText = "## Information sharing\n\nSchools shared **concerns quickly** and *mostly* in writing; see [the guidance](https://example.org/guidance) " +
        "and [this](javascript:alert(1)).\n\n- first point\n- second point\n  - a point under it\n\n1. first step\n2. second step\n\n> what a parent said\n\n" +
        "### Schools\n\n<script>alert('x')</script> <img src=x onerror=alert(1)> [click](data:text/html;base64,PHNjcmlwdD4=)";

    [Fact]
    public async Task RichNarrative_IsRealWordHeadingsAndLists_AndInertHtml_InTheReportAndThePreview()
    {
        var audit = await ReportedAuditAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var section = $"/audits/{audit}/report/sections/{ReportSections.Conclusions}";

        // Preview first, without saving: the page shows the text as the report will, and nothing is stored.
        var preview = await lead.SubmitFormAsync(section + "?handler=Preview", new() { ["Text"] = RichText, ["Expected"] = "" }, section);
        var previewed = (await preview.ReadDocumentAsync()).QuerySelector("#preview")!;
        Assert.Equal("first step", previewed.QuerySelector("ol li")!.TextContent);
        Assert.Equal("Information sharing", previewed.QuerySelector("h3")!.TextContent);
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ReportNarratives.AnyAsync(n => n.AuditId == audit));

        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync(section, new() { ["Text"] = RichText, ["Expected"] = "" })).StatusCode);

        // The report preview: GOV.UK lists and headings, the payload shown as text, no script, no handler, no javascript: or data: link.
        var report = (await lead.GetDocumentAsync($"/audits/{audit}/report/preview")).QuerySelector("#conclusions")!.ParentElement!;
        Assert.Equal("Information sharing", report.QuerySelector("h3.govuk-heading-m")!.TextContent);
        Assert.Equal("Schools", report.QuerySelector("h4.govuk-heading-s")!.TextContent);
        Assert.Equal(["first point", "second pointa point under it"], report.QuerySelectorAll("ul.govuk-list--bullet > li").Take(2).Select(li => li.TextContent));
        Assert.Equal("a point under it", report.QuerySelector("ul.govuk-list--bullet ul li")!.TextContent);
        Assert.Equal(["first step", "second step"], report.QuerySelectorAll("ol.govuk-list--number li").Select(li => li.TextContent));
        Assert.Equal("concerns quickly", report.QuerySelector("strong")!.TextContent);
        Assert.Equal("mostly", report.QuerySelector("em")!.TextContent);
        Assert.Equal("https://example.org/guidance", report.QuerySelector("a.govuk-link")!.GetAttribute("href"));
        Assert.Single(report.QuerySelectorAll("a"));
        Assert.Contains("what a parent said", report.QuerySelector("blockquote")!.TextContent);
        Assert.Empty(report.QuerySelectorAll("script, img, [onerror]"));
        Assert.Contains("<script>alert('x')</script>", report.TextContent);

        // Word: "##" is Heading 2 in the outline and the contents; lists are numbering (w:numPr) at their levels; bold, italic, one link.
        var bytes = ReportDocx.Write(await BuildAsync(audit));
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(ValidationErrors(document));
        var body = document.MainDocumentPart!.Document!.Body!;
        var paragraphs = body.Elements<Paragraph>().ToList();
        // The conclusions' own paragraphs: the thematic-areas section heads its theme "Information sharing" too.
        var conclusions = paragraphs.FindIndex(p => p.InnerText.EndsWith("Conclusions", StringComparison.Ordinal) && p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1");
        Assert.True(conclusions >= 0, "No Conclusions heading in the report");
        Paragraph Named(string text) => paragraphs.Skip(conclusions).Single(p => p.InnerText == text);
        Assert.Equal("Heading2", Named("Information sharing").ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Contains(body.Descendants<Hyperlink>(), h => h.Anchor is not null && h.InnerText.StartsWith("Information sharing", StringComparison.Ordinal));
        Assert.Equal("Heading3", Named("Schools").ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        var styles = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(x => x.StyleId!.Value!);
        Assert.Equal(1, styles["Heading2"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal(2, styles["Heading3"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        (int Level, int Id) Numbering(string text) => (Named(text).ParagraphProperties!.NumberingProperties!.NumberingLevelReference!.Val!.Value, Named(text).ParagraphProperties!.NumberingProperties!.NumberingId!.Val!.Value);
        Assert.Equal((0, 1), Numbering("first point"));
        Assert.Equal((1, 1), Numbering("a point under it"));
        var steps = Numbering("first step");
        Assert.Equal(steps, Numbering("second step"));
        var numbering = document.MainDocumentPart.NumberingDefinitionsPart!.Numbering!;
        var instance = numbering.Elements<NumberingInstance>().Single(n => n.NumberID!.Value == steps.Id);
        Assert.Equal(NumberFormatValues.Decimal, numbering.Elements<AbstractNum>().Single(a => a.AbstractNumberId!.Value == instance.AbstractNumId!.Val!.Value).Elements<Level>().First().NumberingFormat!.Val!.Value);
        var bold = body.Descendants<Run>().Single(r => r.InnerText == "concerns quickly");
        Assert.NotNull(bold.RunProperties!.Bold);
        Assert.NotNull(body.Descendants<Run>().Single(r => r.InnerText == "mostly").RunProperties!.Italic);
        var links = body.Descendants<Hyperlink>().Where(h => h.Id is not null).ToList();
        Assert.Equal("the guidance", Assert.Single(links).InnerText);
        Assert.Equal("https://example.org/guidance", document.MainDocumentPart.HyperlinkRelationships.Single(r => r.Id == links[0].Id!.Value).Uri.AbsoluteUri);
        Assert.Equal("Quote", Named("what a parent said").ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Contains(paragraphs, p => p.InnerText.Contains("<script>alert('x')</script>", StringComparison.Ordinal));

        // A section of 100,000 characters is kept; one more is refused with a sentence, and the saved text is untouched.
        await using var limits = app.Services.CreateAsyncScope();
        var reports = limits.ServiceProvider.GetRequiredService<AuditReports>();
        var saved = (await limits.ServiceProvider.GetRequiredService<ReportBuilder>().NarrativesAsync(audit))[ReportSections.Conclusions].Version;
        var tooLong = await Assert.ThrowsAsync<DomainException>(() => reports.SaveNarrativeAsync(app.Data.Partnership.Id, audit, ReportSections.Conclusions, saved, new string('a', 100_001), "lead"));
        Assert.Equal("The section must be 100,000 characters or fewer; it has 100,001", tooLong.Message);
        await reports.SaveNarrativeAsync(app.Data.Partnership.Id, audit, ReportSections.Conclusions, saved, "## Long\n\n" + new string('a', 99_990), "lead");
        Assert.Equal(TextLimits.Section, Parallax.Core.Reviews.ReviewOpening.MaxNarrative);
    }

    [Fact]
    public async Task PublishedReportStructure_FindingsByReach_CompoundGradesWhole_DraftsMarked_AndTheSampleInTheMethodology()
    {
        var audit = await ReportedAuditAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var s = scope.ServiceProvider;
            var db = s.GetRequiredService<ParallaxDbContext>();
            var cases = await db.AuditCases.Where(ac => ac.AuditId == audit).Join(db.Cases, ac => ac.CaseId, c => c.Id, (ac, c) => c).OrderBy(c => c.Uin).ToListAsync();
            await s.GetRequiredService<PanelRecords>().SaveAsync(app.Data.Partnership.Id, audit, cases[2].Id, null,
                new PanelCaseInput("11:20", "A girl of four.", "Seen at home.", "", "", Grade.Good, ", elements of RI", "Mostly good."), "lead");
            var findings = s.GetRequiredService<AuditFindings>();
            var themes = await findings.ThemesAsync(app.Data.Partnership.Id);
            await findings.AddAsync(app.Data.Partnership.Id, audit, new FindingInput(FindingKind.Strength, FindingScope.SingleAgency, app.Data.School.Id, themes.First(t => t.Name == "Information sharing").Id, "The school kept a clear chronology", [cases[0].Id]));
            await findings.AddAsync(app.Data.Partnership.Id, audit, new FindingInput(FindingKind.AreaForImprovement, FindingScope.ThemeSpecific, null, themes.First(t => t.Name == "Chronology").Id, "How do we share chronologies at the threshold?", [cases[1].Id]));
            await s.GetRequiredService<AuditReports>().SaveNarrativeAsync(app.Data.Partnership.Id, audit, ReportSections.Introduction, null, "Our introduction.", "lead");
        }

        using var document = WordprocessingDocument.Open(new MemoryStream(ReportDocx.Write(await BuildAsync(audit))), false);
        Assert.Empty(ValidationErrors(document));
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => (Style: p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "", Text: p.InnerText)).ToList();
        List<(string Style, string Text)> Section(string title)
        {
            var start = paragraphs.FindIndex(p => p.Style == "Heading1" && p.Text == title);
            var end = paragraphs.FindIndex(start + 1, p => p.Style == "Heading1");
            return paragraphs[start..(end < 0 ? paragraphs.Count : end)];
        }

        // The summary keeps the wider system, the theme and single agencies apart; single-agency good practice is under its own heading.
        var summary = Section("Executive summary");
        Assert.Equal(["Strengths in the wider system", "Single-agency good practice", "Areas for improvement specific to work on trigger trio", "Single-agency areas for improvement"],
            summary.Where(p => p.Style == "Heading3").Select(p => p.Text));
        Assert.Contains(summary, p => p.Text == "Testshire Schools: The school kept a clear chronology");
        Assert.Contains(summary, p => p.Text == "Testshire Police: Police chronologies were not kept up to date");
        var single = Section("Single-agency good practice and areas for improvement");
        var goodPractice = single.FindIndex(p => p.Text == "Single-agency good practice");
        var improvement = single.FindIndex(p => p.Text == "Single-agency areas for improvement");
        Assert.InRange(single.FindIndex(p => p.Text.StartsWith("The school kept a clear chronology", StringComparison.Ordinal)), goodPractice, improvement);
        Assert.True(single.FindIndex(p => p.Text.StartsWith("Police chronologies", StringComparison.Ordinal)) > improvement);
        Assert.Contains(single, p => p.Text == "The school kept a clear chronology (Information sharing)");

        // A compound grade reads whole, and the judgement sentence counts it honestly.
        Assert.Contains(paragraphs, p => p.Text.StartsWith("Agreed partnership judgement: Good, elements of RI.", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.Text.Contains("Two cases were judged to be good (one with elements of requires improvement)", StringComparison.Ordinal));

        // A question finding becomes a recommendation that reads as a sentence.
        Assert.Contains(paragraphs, p => p.Text == "In order to address the finding on Chronology, \u201cHow do we share chronologies at the threshold?\u201d, the partnership to agree the actions needed and report progress to the partnership.");

        // Drafts say so in the document; the section the lead saved does not.
        Assert.Equal("DraftNotice", Section("Methodology")[1].Style);
        Assert.NotEqual("DraftNotice", Section("Introduction and background")[1].Style);

        // The methodology's draft: the sample, who knew whom, and the limits of the returns, each under a sub-heading.
        var methodology = Section("Methodology");
        Assert.Equal(["The sample", "Who knew the families", "Limitations"], methodology.Where(p => p.Style == "Heading2").Select(p => p.Text));
        Assert.Contains(methodology, p => p.Text.Contains("in the sample", StringComparison.Ordinal));
        Assert.Contains(methodology, p => p.Text == "Five children were known to Testshire Police.");
        Assert.Contains(methodology, p => p.Text.Contains("Returns were missing from some agencies for some cases: Testshire Police (one of five).", StringComparison.Ordinal));

        // The cover: status, version and date, and the marking only in the page header.
        var cover = paragraphs.TakeWhile(p => p.Style != "TOCHeading").Select(p => p.Text).ToList();
        Assert.DoesNotContain("OFFICIAL-SENSITIVE", cover);
        Assert.Contains("Draft (not a saved version)", cover);
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(20, true)]
    public async Task ReturnsMatrix_OfTwentyAgencies_HasNoColumnNarrowerThanItsLongestWord(int cases, bool landscape)
    {
        var agencies = Enumerable.Range(1, 20).Select(i => new Parallax.Core.Agencies.Agency { Code = $"AG{i:D2}", Name = $"Agency number {i:D2} Safeguarding Partnership", Type = Parallax.Core.Agencies.AgencyType.Other }).ToList();
        var sample = Enumerable.Range(1, cases).Select(i => new Parallax.Core.Cases.Case { Uin = $"UIN-{i:D4}", Initials = "AB", Ethnicity = "Not recorded" }).ToList();
        var requests = agencies.SelectMany(a => sample.Select((c, i) => new Parallax.Core.Returns.ReturnRequest { AgencyId = a.Id, CaseId = c.Id, Status = i % 3 == 0 ? Parallax.Core.Returns.ReturnStatus.NotKnownToAgency : Parallax.Core.Returns.ReturnStatus.Submitted })).ToList();
        var facts = ReportDraftTests.Facts(requests, cases: cases) with { Cases = sample, Agencies = agencies };
        var report = ReportBuilder.Build(facts, new ReportSettings { Sections = [ReportSections.ReturnsMatrix] }, new Dictionary<string, ReportNarrative>(), 1, new DateOnly(2030, 7, 1));
        var table = report.Sections.Single().Blocks.OfType<ReportTable>().Single();

        using var document = WordprocessingDocument.Open(new MemoryStream(ReportDocx.Write(report)), false);
        Assert.Empty(ValidationErrors(document));
        var body = document.MainDocumentPart!.Document!.Body!;
        var grid = body.Descendants<Table>().Single().GetFirstChild<TableGrid>()!.Elements<GridColumn>().Select(c => int.Parse(c.Width!.Value!)).ToList();
        Assert.Equal(table.Header.Count, grid.Count);
        Assert.All(grid.Zip(ReportDocx.Minimum(table)), w => Assert.True(w.First >= w.Second, $"{w.First} < {w.Second}"));
        Assert.Equal(21, body.Descendants<TableRow>().Count());
        Assert.Equal(landscape, body.Descendants<PageSize>().Any(p => p.Orient?.Value == PageOrientationValues.Landscape));

        // The PDF's text: every agency name and every rate whole, none split across a line ("Safeguardin g", "10 0%").
        await using var scope = app.Services.CreateAsyncScope();
        var pdf = await scope.ServiceProvider.GetRequiredService<AuditReports>().RenderAsync(report, ReportFormat.Pdf);
        if (Environment.GetEnvironmentVariable("PARALLAX_RENDER_DIR") is { Length: > 0 } folder) await File.WriteAllBytesAsync(Path.Combine(folder, $"matrix-{cases}.pdf"), pdf.Content);
        using var read = UglyToad.PdfPig.PdfDocument.Open(pdf.Content);
        var words = read.GetPages().SelectMany(p => p.GetWords().Select(w => w.Text)).ToList();
        Assert.Equal(20, words.Count(w => w == "Safeguarding"));
        Assert.Equal(20, words.Count(w => w == "100%"));
    }

    [Fact]
    public async Task TheCommand_WritesEachFormat_AndNamesAnUnknownAudit()
    {
        var audit = await ReportedAuditAsync();
        var folder = Directory.CreateTempSubdirectory("parallax-report-");
        try
        {
            string[] Args(params string[] rest) => ["--provider", app.Database.ProviderName, "--db", app.Database.ConnectionString, "audit", "report", .. rest, "--partnership", app.Data.Partnership.Name];
            foreach (var format in new[] { "docx", "xlsx", "html" })
            {
                var path = Path.Combine(folder.FullName, $"report.{format}");
                var result = await CommandResult.RunAsync(Args(audit.ToString(), "--format", format, "--out", path));
                Assert.True(result.ExitCode == 0, result.Error);
                Assert.True(new FileInfo(path).Length > 1000, $"{format}: {new FileInfo(path).Length} bytes");
            }

            using (var document = WordprocessingDocument.Open(Path.Combine(folder.FullName, "report.docx"), false))
                Assert.Equal("Reported audit", document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().First(p => p.ParagraphProperties?.ParagraphStyleId?.Val == "Title").InnerText);
            Assert.Contains("<h1 class=\"govuk-heading-xl\">Reported audit</h1>", await File.ReadAllTextAsync(Path.Combine(folder.FullName, "report.html")));

            var unknown = Guid.NewGuid();
            var missing = await CommandResult.RunAsync(Args(unknown.ToString(), "--format", "docx", "--out", Path.Combine(folder.FullName, "x.docx")));
            Assert.NotEqual(0, missing.ExitCode);
            Assert.Contains($"There is no audit {unknown}", missing.Error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

public sealed class SqliteReportTests(SqliteAppFactory app) : ReportTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReportTests(PostgresAppFactory app) : ReportTests(app), IClassFixture<PostgresAppFactory>;
