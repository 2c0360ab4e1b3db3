using DocumentFormat.OpenXml.Wordprocessing;
namespace Parallax.Tests.Reports;

/// <summary>
/// The report's detail fields, each stored, shown in the report and carried by the audit package: a question's short
/// label and area (so the collated data fits one table), a baby's age in months, MARAC as no / yes / repeat / historic with
/// its year, and where the sample came from (the methodology).
/// </summary>
public abstract class ReportDetailTests(ParallaxAppFactory app)
{
    private async Task<ReportDocument> BuildAsync(Guid partnership, Guid audit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ReportBuilder>().BuildAsync(partnership, audit))!;
    }

    private static List<List<string>> Table(byte[] docx, string caption)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var body = document.MainDocumentPart!.Document!.Body!;
        var table = body.Elements<Table>().Single(t => (t.PreviousSibling<Paragraph>()?.InnerText ?? "").Contains(caption, StringComparison.Ordinal));
        return [.. table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList())];
    }

    private static string Text(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    private async Task<string> ExportAsync(Guid partnership, Guid audit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return AuditPackages.Serialize((await scope.ServiceProvider.GetRequiredService<AuditPackages>().ExportAsync(partnership, audit))!);
    }

    private async Task<Guid> ImportIntoAnotherPartnershipAsync(string json)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var partnership = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().AddAsync("Elsewhere SCP " + Guid.NewGuid().ToString("N")[..6]);
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        db.Agencies.Add(new Agency { PartnershipId = partnership.Id, Code = "TPOL", Name = "Testshire Police", Type = AgencyType.Police, WorksWithAdults = true });
        db.Agencies.Add(new Agency { PartnershipId = partnership.Id, Code = "TEDU", Name = "Testshire Schools", Type = AgencyType.Education });
        await db.SaveChangesAsync();
        var package = AuditPackages.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        return (await scope.ServiceProvider.GetRequiredService<AuditPackages>().ImportAsync(Caller.Lead(partnership.Id, "test"), package, "audit.json")).Id;
    }

    private static string Normalise(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("exportedAt");
        return node.ToJsonString();
    }

    [Fact]
    public async Task ShortLabelAndArea_SetInTheDesigner_PrintOnOneTable_AndTravelWithCopiesVersionsAndThePackage()
    {
        var partnership = app.Data.Partnership.Id;
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        Guid toolId, audit;
        ToolQuestion first, second;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var catalogue = scope.ServiceProvider.GetRequiredService<ToolCatalogue>();
            // The template without its own short labels and areas, so the ones the lead sets here are the only ones.
            var template = ToolTemplates.Find("trigger-trio")!.Document;
            var bare = template with
            {
                Name = "Labelled tool " + Guid.NewGuid().ToString("N")[..6],
                Sections = [.. template.Sections.Select(x => x with { Questions = [.. x.Questions.Select(q => q with { ShortLabel = null, Area = null })] })],
            };
            toolId = (await catalogue.ImportAsync(partnership, bare)).Id;
            var version = (await catalogue.FindAsync(partnership, toolId, 1))!.Value.Version;
            var questions = version.Sections.SelectMany(s => s.Questions.Select(q => (Section: s, Question: q))).Where(p => p.Question.Kind == QuestionKind.YesNoNa).ToList();
            (first, second) = (questions[0].Question, questions[1].Question);

            // The designer's form, as a lead fills it: a short label and an area on the first question; the second left empty.
            var url = $"/tools/{toolId}/v/1/sections/{questions[0].Section.Id}/questions/{first.Id}";
            var page = await lead.GetDocumentAsync(url);
            var form = page.QuerySelectorAll("main form input[type=text], main form input[type=hidden], main form textarea")
                .Where(e => e.GetAttribute("name") is { } n && n != "__RequestVerificationToken" && !n.StartsWith("Comment", StringComparison.Ordinal) && n != "Required")
                .GroupBy(e => e.GetAttribute("name")!).ToDictionary(g => g.Key, g => g.First().TagName == "TEXTAREA" ? g.First().TextContent : g.First().GetAttribute("value") ?? "");
            form["Kind"] = first.Kind.ToString();
            form["Required"] = "true";
            form["ShortLabel"] = new string('x', ToolInterchange.MaxLabelLength + 1);
            form["Area"] = "Referral";
            var refused = await lead.SubmitFormAsync(url, form);
            Assert.Contains($"The short label must be {ToolInterchange.MaxLabelLength} characters or fewer", (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);
            Assert.Equal("Referral", (await refused.ReadDocumentAsync()).QuerySelector("#Area")?.GetAttribute("value"));

            form["ShortLabel"] = "  Timely referral  ";
            var saved = await lead.SubmitFormAsync(url, form);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
            var again = await lead.GetDocumentAsync(url);
            Assert.Equal(("Timely referral", "Referral"), (again.QuerySelector("#ShortLabel")?.GetAttribute("value"), again.QuerySelector("#Area")?.GetAttribute("value")));
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var s = scope.ServiceProvider;
            audit = (await s.GetRequiredService<AuditPlanner>().CreateAsync(partnership,
                new AuditPlan("Labelled audit", "Referrals", null, null, toolId, 1, null, 6, new DateOnly(2030, 6, 3), 10, null), BankHolidays.EnglandAndWales)).Id;
            await TestAudits.AddCaseAsync(s, partnership, audit, TestAudits.NewUin("LB"));

            // A copy, and the next version of the tool, keep them.
            var catalogue = s.GetRequiredService<ToolCatalogue>();
            var copy = await catalogue.CopyAsync(partnership, toolId, 1);
            var copied = (await catalogue.FindAsync(partnership, copy.Id, 1))!.Value.Version.Sections.SelectMany(x => x.Questions).Single(q => q.Code == first.Code);
            Assert.Equal(("Timely referral", "Referral"), (copied.ShortLabel, copied.Area));
            var draft = await catalogue.DraftAsync(partnership, toolId);
            Assert.Equal(2, draft.Number);
            var next = draft.Sections.SelectMany(x => x.Questions).Single(q => q.Code == first.Code);
            Assert.Equal(("Timely referral", "Referral"), (next.ShortLabel, next.Area));
        }

        // The collated data: one table, the area on the first row of its group, the short label (or the question when there is none).
        var collated = Table(ReportDocx.Write(await BuildAsync(partnership, audit)), "Collated data");
        Assert.Equal(["Area", "Ref", "Outcome", "Yes", "No", "N/A", "Total", "% Yes", "% No"], collated[0]);
        Assert.Equal(["Referral", first.Code, "Timely referral"], collated[1].Take(3));
        Assert.Equal(second.Code, collated[2][1]);
        Assert.Equal(second.Text, collated[2][2]);
        Assert.NotEqual("Referral", collated[2][0]);
        Assert.Equal("Whole tool", collated[^1][2]);

        // The package carries them, and imports them elsewhere as they were.
        var exported = await ExportAsync(partnership, audit);
        var question = JsonNode.Parse(exported)!["tool"]!["sections"]!.AsArray().SelectMany(x => x!["questions"]!.AsArray()).Single(q => (string)q!["code"]! == first.Code)!;
        Assert.Equal(("Timely referral", "Referral"), ((string?)question["shortLabel"], (string?)question["area"]));
        var imported = await ImportIntoAnotherPartnershipAsync(exported);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var versionId = await db.Audits.Where(a => a.Id == imported).Select(a => a.ToolVersionId).SingleAsync();
            var stored = await db.ToolVersions.Where(v => v.Id == versionId).SelectMany(v => v.Sections).SelectMany(x => x.Questions).SingleAsync(q => q.Code == first.Code);
            Assert.Equal(("Timely referral", "Referral"), (stored.ShortLabel, stored.Area));
        }
    }

    [Fact]
    public async Task AToolFileWithTooLongAShortLabel_IsRefusedWithItsPath()
    {
        var document = ToolTemplates.Find("trigger-trio")!.Document;
        var section = document.Sections[0];
        var bad = document with { Sections = [section with { Questions = [section.Questions[0] with { ShortLabel = new string('y', 101) }, .. section.Questions.Skip(1)] }, .. document.Sections.Skip(1)] };

        var refused = Assert.Throws<DomainException>(() => ToolInterchange.Validate(bad));

        Assert.Contains("sections[0].questions[0].shortLabel", refused.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Baby(string uin) => new()
    {
        ["Uin"] = uin, ["Initials"] = "MB", ["AgeYears"] = "0", ["AgeMonths"] = "4", ["Sex"] = "Female",
        ["Ethnicity"] = "Not recorded", ["Area"] = "North", ["LevelOfNeed"] = "ChildInNeed",
        ["HeardAtMarac"] = "true", ["MaracDetail"] = "Historic", ["MaracYear"] = "2010",
        ["Household[0].Role"] = "Mother", ["Household[0].Initials"] = "KB",
    };

    [Theory]
    [InlineData("AgeMonths", "12", "Enter the months as a whole number from 0 to 11", "AgeMonths")]
    [InlineData("AgeMonths", "four", "Enter the months as a whole number from 0 to 11", "AgeMonths")]
    [InlineData("AgeYears", "3", "Months are for a child under one: enter 0 years, or leave months empty", "AgeMonths")]
    [InlineData("MaracYear", "", "Enter the year the case was heard at MARAC, for example 2010", "MaracYear")]
    [InlineData("MaracYear", "1890", "Enter the year of the MARAC as four digits, from 1990 to", "MaracYear")]
    [InlineData("MaracYear", "twenty ten", "Enter the year of the MARAC as four digits, for example 2010", "MaracYear")]
    public async Task TheCaseForm_RefusesBadMonthsAndMaracYears_AndKeepsWhatWasTyped(string field, string value, string message, string target)
    {
        var audit = await TestAuditAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var form = Baby(TestAudits.NewUin("BM"));
        form[field] = value;

        var response = await lead.SubmitFormAsync($"/audits/{audit}/cases/new", form);

        var page = await response.ReadDocumentAsync();
        var link = page.QuerySelector(".govuk-error-summary a");
        Assert.Contains(message, link?.TextContent);
        Assert.Equal($"#{target}", link?.GetAttribute("href"));
        Assert.Equal("North", page.QuerySelector("#Area")?.GetAttribute("value"));
        Assert.Equal(form["Uin"], page.QuerySelector("#Uin")?.GetAttribute("value"));
    }

    private async Task<Guid> TestAuditAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await TestAudits.CreateAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Baby audit")).Id;
    }

    [Fact]
    public async Task MonthsMaracAndWhereTheSampleCameFrom_AreStored_PrintedInTheReport_AndTravelInThePackage()
    {
        var partnership = app.Data.Partnership.Id;
        var audit = await TestAuditAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var baby = TestAudits.NewUin("BM");
        var repeat = TestAudits.NewUin("RP");

        // The case form: a baby of four months heard at a historic MARAC; a child heard more than once.
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"/audits/{audit}/cases/new", Baby(baby))).StatusCode);
        var other = Baby(repeat);
        (other["AgeYears"], other["AgeMonths"], other["MaracDetail"], other["MaracYear"]) = ("7", "", "Repeat", "");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"/audits/{audit}/cases/new", other)).StatusCode);

        // The terms of reference: where the sample came from, saved twice (the second time unchanged).
        const string source = "Cases open to the early help hub with domestic abuse recorded at assessment, and cases heard at MARAC in the quarter.";
        for (var time = 0; time < 2; time++)
        {
            var terms = await lead.GetDocumentAsync($"/audits/{audit}/terms");
            var fields = new Dictionary<string, string>
            {
                ["Expected"] = terms.QuerySelector("input[name=Expected]")!.GetAttribute("value")!,
                ["Title"] = "Baby audit", ["Theme"] = "Trigger trio", ["SampleSizeTarget"] = "6",
                ["SampleSource"] = time == 0 ? source : terms.QuerySelector("#SampleSource")!.TextContent.Trim(),
            };
            Assert.Equal(System.Net.HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"/audits/{audit}/terms", fields)).StatusCode);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var cases = await db.Cases.Where(c => db.AuditCases.Any(ac => ac.AuditId == audit && ac.CaseId == c.Id)).OrderBy(c => c.Uin).ToListAsync();
            var b = cases.Single(c => c.Uin == baby);
            var r = cases.Single(c => c.Uin == repeat);
            Assert.Equal((0, 4, true, MaracDetail.Historic, 2010), (b.AgeYears!.Value, b.AgeMonths!.Value, b.HeardAtMarac, b.MaracDetail, b.MaracYear!.Value));
            Assert.Equal((7, (int?)null, MaracDetail.Repeat, (int?)null), (r.AgeYears!.Value, r.AgeMonths, r.MaracDetail, r.MaracYear));
            Assert.Equal(source, (await db.Audits.SingleAsync(a => a.Id == audit)).SampleSource);
        }

        // Shown on the plan's sample as in the report.
        var overview = await lead.GetDocumentAsync($"/audits/{audit}");
        var babyRow = overview.QuerySelectorAll("#sample tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == baby).Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("4 months", babyRow);
        Assert.Contains("Yes, historic 2010", babyRow);

        var report = await BuildAsync(partnership, audit);
        var docx = ReportDocx.Write(report);
        var appendix = Table(docx, "The cases audited");
        Assert.Equal(["4 months", "Yes, historic 2010"], new[] { appendix.Single(row => row[1] == baby)[2], appendix.Single(row => row[1] == baby)[7] });
        Assert.Equal(["7", "Yes, repeat"], new[] { appendix.Single(row => row[1] == repeat)[2], appendix.Single(row => row[1] == repeat)[7] });
        var text = Text(docx);
        Assert.Contains("Where the sample came from\n" + source, text);
        Assert.Contains("aged from 4 months to 7 years", text);
        Assert.Contains("Both had been heard at MARAC: one more than once and one only in the past (2010).", text);
        Assert.DoesNotContain("Under 1", text);

        // Out and back in through the package.
        var exported = await ExportAsync(partnership, audit);
        var package = JsonNode.Parse(exported)!;
        Assert.Equal(source, (string?)package["audit"]!["sampleSource"]);
        var packagedBaby = package["cases"]!.AsArray().Single(c => (string)c!["uin"]! == baby)!;
        Assert.Equal((4, "Historic", 2010), ((int)packagedBaby["ageMonths"]!, (string)packagedBaby["maracDetail"]!, (int)packagedBaby["maracYear"]!));
        var imported = await ImportIntoAnotherPartnershipAsync(exported);
        Assert.Equal(Normalise(exported), Normalise(await ExportAsync((await PartnershipOfAsync(imported)), imported)));
    }

    private async Task<Guid> PartnershipOfAsync(Guid audit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Audits.Where(a => a.Id == audit).Select(a => a.PartnershipId).SingleAsync();
    }

    [Fact]
    public async Task APackageWithABadMarac_IsRefused_AndTheWorkbookImportReadsMonthsAndMarac()
    {
        var partnership = app.Data.Partnership.Id;
        var audit = await TestAuditAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        const string headings = "UIN,Initials,Age,Expected birth date,Sex,Ethnicity,Area,Level of need,CP category,Section 20,MARAC,Risk factors,Household";
        var (a, b, c) = (TestAudits.NewUin("IA"), TestAudits.NewUin("IB"), TestAudits.NewUin("IC"));

        // One bad row refuses the list, with the row and column named.
        var bad = await lead.UploadAsync($"/audits/{audit}/cases/import", "CaseList", "cases.csv", Encoding.UTF8.GetBytes(string.Join("\r\n",
            headings, $"{a},AB,4 months,,Female,,North,CIN,,,\"Yes, historic\",,", $"{b},CD,14 months,,Male,,North,CIN,,,No,,")));
        var problems = (await bad.ReadDocumentAsync()).QuerySelector("main")?.TextContent ?? "";
        Assert.Contains("needs the year of the MARAC", problems);
        Assert.Contains("is a year or more", problems);

        var good = await lead.UploadAsync($"/audits/{audit}/cases/import", "CaseList", "cases.csv", Encoding.UTF8.GetBytes(string.Join("\r\n",
            headings, $"{a},AB,4 months,,Female,,North,CIN,,,\"Yes, historic 2010\",,", $"{b},CD,5,,Male,,North,CIN,,,\"Yes, repeat\",,", $"{c},EF,11,,Male,,North,CIN,,,No,,")));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, good.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var cases = await db.Cases.Where(x => db.AuditCases.Any(ac => ac.AuditId == audit && ac.CaseId == x.Id)).ToDictionaryAsync(x => x.Uin);
            Assert.Equal((0, 4, MaracDetail.Historic, 2010), (cases[a].AgeYears!.Value, cases[a].AgeMonths!.Value, cases[a].MaracDetail, cases[a].MaracYear!.Value));
            Assert.Equal((true, MaracDetail.Repeat), (cases[b].HeardAtMarac, cases[b].MaracDetail));
            Assert.Equal((false, MaracDetail.None), (cases[c].HeardAtMarac, cases[c].MaracDetail));
        }

        // A package whose case has a historic MARAC with no year, or months for a child of five, is refused.
        var json = JsonNode.Parse(await ExportAsync(partnership, audit))!;
        var first = json["cases"]!.AsArray().Single(x => (string)x!["uin"]! == a)!;
        first["maracYear"] = null;
        var second = json["cases"]!.AsArray().Single(x => (string)x!["uin"]! == b)!;
        second["ageMonths"] = 3;
        var refused = await Assert.ThrowsAsync<DomainException>(() => ImportIntoAnotherPartnershipAsync(json.ToJsonString()));
        Assert.Contains("maracYear: Enter the year the case was heard at MARAC", refused.Message, StringComparison.Ordinal);
        Assert.Contains("ageMonths: Months are for a child under one", refused.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteReportDetailTests(SqliteAppFactory app) : ReportDetailTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReportDetailTests(PostgresAppFactory app) : ReportDetailTests(app), IClassFixture<PostgresAppFactory>;
