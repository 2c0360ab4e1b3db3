using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parallax.Core.AuditTrail;
using Parallax.Core.Data;
using Parallax.Core.Findings;
using Parallax.Core.Panels;
using Parallax.Core.Reports;
using Parallax.Core.Tools;
using Parallax.Tests.CommandLine;
using Parallax.Tests.Infrastructure;
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
        var recommendation = body.Elements<Paragraph>().Single(p => p.InnerText.StartsWith("In order to address the finding that police chronologies", StringComparison.Ordinal));
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
        Assert.Equal(["Code", "Question", "Yes", "No", "N/A", "Total", "% Yes", "% No"], collated[0]);
        foreach (var q in questions)
        {
            var row = collated.Single(r => r[0] == (string)q!["code"]!);
            string Pct(string key) => q![key] is { } v ? $"{(int)v}" : "–";
            Assert.Equal([$"{(int)q!["yes"]!}", $"{(int)q["no"]!}", $"{(int)q["na"]!}", $"{(int)q["total"]!}", Pct("pctYes"), Pct("pctNo")], row.Skip(2));
        }

        // Worked out by hand (AnalysisTests): TT1 is 1 yes and 7 no, 13% and 88%.
        Assert.Equal(["TT1", "1", "7", "0", "8", "13", "88"], collated.Single(r => r[0] == "TT1").Where((_, i) => i != 1));

        // Cases 0-3: police and school returned. Case 4: the police's return is still a draft; the school was not asked.
        var matrix = tables.Single(t => t.Caption.Contains("Returns by case and agency", StringComparison.Ordinal)).Rows;
        Assert.Equal(["Case", "TPOL", "TEDU"], matrix[0]); // agencies by name: Testshire Police, Testshire Schools
        Assert.All(matrix.Skip(1).Take(4), r => Assert.Equal(["R", "R"], r.Skip(1)));
        Assert.Equal(["O", "–"], matrix[5].Skip(1));
        Assert.Equal(["Response rate", "80%", "100%"], matrix[6]);
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
        var tt1 = rows.Single(r => r[1].InnerText == "TT1");
        Assert.Equal(["1", "7", "0", "8", "13", "88"], tt1.Skip(3).Select(c => c.CellValue!.Text));
        Assert.All(tt1.Skip(3), c => Assert.Equal(X.CellValues.Number, c.DataType!.Value));
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
        var stale = await Assert.ThrowsAsync<DomainException>(() => reports.SaveNarrativeAsync(partnership, audit, ReportSections.ExecutiveSummary, null, "Other text", "panel"));
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
        Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.Entity == nameof(ReportDownload) && e.EntityKey == download.Id.ToString() && e.Field == nameof(ReportDownload.DownloadedBy)));
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
