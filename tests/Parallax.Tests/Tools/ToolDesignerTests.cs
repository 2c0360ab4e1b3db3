using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Parallax.Tests.Tools;

public abstract class ToolDesignerTests(ParallaxAppFactory app)
{
    private async Task<AuditTool> ImportAsync(string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ToolCatalogue>()
            .ImportAsync(app.Data.Partnership.Id, ToolTemplates.Find(key)!.Document, key);
    }

    private async Task<ToolVersion> VersionAsync(Guid toolId, int number = 1)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ToolCatalogue>().FindAsync(app.Data.Partnership.Id, toolId, number))!.Value.Version;
    }

    [Theory]
    [InlineData(TestPartnership.PoliceAuditor)]
    [InlineData(TestPartnership.Viewer)]
    public async Task DesignerPages_AsAgencyAuditorOrViewer_AreForbidden(string email)
    {
        var tool = await ImportAsync("trigger-trio");
        var browser = await app.SignedInBrowserAsync(email);

        foreach (var url in new[] { "/tools", "/tools/new", "/tools/import", $"/tools/{tool.Id}/v/1", $"/tools/{tool.Id}/v/1/preview", $"/tools/{tool.Id}/v/1/print", $"/tools/{tool.Id}/v/1?handler=Export" })
            Assert.True((await browser.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, $"{email} reached {url}");
    }

    [Theory]
    [InlineData(TestPartnership.Lead)]
    [InlineData(TestPartnership.Admin)]
    public async Task DesignerPages_AsLeadOrAdministrator_Render(string email)
    {
        var tool = await ImportAsync("substance-misuse");
        var browser = await app.SignedInBrowserAsync(email);

        foreach (var url in new[] { "/tools", "/tools/new", "/tools/import", $"/tools/{tool.Id}/v/1", $"/tools/{tool.Id}/v/1/preview", $"/tools/{tool.Id}/v/1/print" })
            Assert.True((await browser.GetAsync(url)).StatusCode == HttpStatusCode.OK, $"{email} could not open {url}");
    }

    [Fact]
    public async Task VersionPage_OfAnotherPartnershipsTool_IsNotFound()
    {
        Guid otherTool;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var other = await db.Partnerships.SingleAsync(p => p.Name.StartsWith("Otherfield"));
            otherTool = (await scope.ServiceProvider.GetRequiredService<ToolCatalogue>().ImportAsync(other.Id, ToolTemplates.Find("trigger-trio")!.Document)).Id;
        }

        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/tools/{otherTool}/v/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/tools/{otherTool}/v/1?handler=Export")).StatusCode);
    }

    [Fact]
    public async Task Preview_SubmittedEmpty_ListsEachProblemInPageOrderLinkedToItsField()
    {
        var tool = await ImportAsync("trigger-trio");
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var response = await browser.SubmitFormAsync($"/tools/{tool.Id}/v/1/preview", new() { ["Agency"] = "TEDU" });

        var links = (await response.ReadDocumentAsync()).QuerySelectorAll(".govuk-error-summary a").ToList();
        Assert.Equal(8, links.Count);
        Assert.Equal(("#q-tt1", "Select yes, no or not applicable for TT1"), (links[0].GetAttribute("href"), links[0].TextContent.Trim()));
        Assert.Equal("Select a judgement on your agency's work overall", links[^1].TextContent.Trim());
    }

    [Fact]
    public async Task Preview_NotApplicableWithoutReason_AsksWhyOnTheCommentField()
    {
        var tool = await ImportAsync("trigger-trio");
        var version = await VersionAsync(tool.Id);
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var fields = new Dictionary<string, string> { ["Agency"] = "TPOL" };
        foreach (var q in version.Sections[0].Questions) { fields[AnswerFields.Value(q.Code)] = "yes"; }
        fields[AnswerFields.Value("TT4")] = "na";
        fields[AnswerFields.Judgement(version.Sections[0].Id)] = "Good";
        fields[AnswerFields.JudgementReason(version.Sections[0].Id)] = "Timely, child-focused work";
        fields[AnswerFields.AgencyJudgement] = "Good";

        var response = await browser.SubmitFormAsync($"/tools/{tool.Id}/v/1/preview", fields);

        var links = (await response.ReadDocumentAsync()).QuerySelectorAll(".govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Equal([("#q-tt4-comment", "Explain why TT4 is not applicable"), ("#agency-judgement-reason", "Explain why you made the judgement on your agency's work overall")], links);
    }

    [Fact]
    public async Task Preview_AdultsSection_ShownToTheSubstanceMisuseServiceButNotToASchool()
    {
        var tool = await ImportAsync("substance-misuse");
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var police = await browser.GetDocumentAsync($"/tools/{tool.Id}/v/1/preview?Agency=TPOL");
        var school = await browser.GetDocumentAsync($"/tools/{tool.Id}/v/1/preview?Agency=TEDU");

        const string adults = "Parenting capacities that may affect ability to respond to a child's needs";
        Assert.Contains(adults, police.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));
        Assert.DoesNotContain(adults, school.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task Designer_BuildsANewToolInTheBrowser()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var created = await browser.SubmitFormAsync("/tools/new", new() { ["Name"] = "Dip sample: strategy meetings" });
        var toolUrl = created.Headers.Location!.OriginalString;
        var addSection = await browser.SubmitFormAsync($"{toolUrl}/sections/new", new()
        {
            ["Expected"] = (await browser.GetDocumentAsync($"{toolUrl}/sections/new")).QuerySelector("input[name=Expected]")!.GetAttribute("value")!,
            ["Title"] = "Strategy meetings", ["HasJudgement"] = "true", ["Applicability"] = "AllAgencies", ["Scope"] = "EachCase",
        });
        Assert.Equal(HttpStatusCode.Redirect, addSection.StatusCode);
        var page = await browser.GetDocumentAsync(toolUrl);
        var questionUrl = page.QuerySelectorAll("a").First(a => a.TextContent.StartsWith("Add a question")).GetAttribute("href")!;
        var addQuestion = await browser.SubmitFormAsync(questionUrl, new()
        {
            ["Expected"] = (await browser.GetDocumentAsync(questionUrl)).QuerySelector("input[name=Expected]")!.GetAttribute("value")!,
            ["Code"] = "S1", ["Text"] = "Was your agency invited to the strategy meeting?", ["Kind"] = "YesNoNa",
            ["Required"] = "true", ["CommentRequiredOnNo"] = "true", ["CommentRequiredOnNa"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, addQuestion.StatusCode);
        var designed = await browser.GetDocumentAsync(toolUrl);
        Assert.Equal("S1", designed.QuerySelector("tbody th")?.TextContent.Trim());
        Assert.Contains("1 questions and 2 judgements in 1 section", designed.QuerySelector(".govuk-summary-list")?.TextContent);
    }

    [Fact]
    public async Task Designer_SecondEditorFromAStalePage_IsToldAndNothingIsOverwritten()
    {
        var tool = await ImportAsync("trigger-trio");
        var first = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var second = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var url = $"/tools/{tool.Id}/v/1";
        var stale = (await second.GetDocumentAsync(url)).QuerySelector("input[name=expected]")!.GetAttribute("value")!;
        var version = await VersionAsync(tool.Id);

        await first.SubmitFormAsync($"{url}?handler=RemoveQuestion", new() { ["expected"] = stale, ["questionId"] = version.Sections[0].Questions[5].Id.ToString() }, formUrl: url);
        var refused = await second.SubmitFormAsync($"{url}?handler=RemoveQuestion", new() { ["expected"] = stale, ["questionId"] = version.Sections[0].Questions[0].Id.ToString() }, formUrl: url);

        Assert.Contains("Someone else changed this draft", (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);
        Assert.Equal(["TT1", "TT2", "TT3", "TT4", "TT5"], (await VersionAsync(tool.Id)).Sections[0].Questions.Select(q => q.Code));
    }

    [Fact]
    public async Task Copy_OfAToolWithNoSectionsYet_SaysWhyOnThePage_AndMakesNoCopy()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var created = await browser.SubmitFormAsync("/tools/new", new() { ["Name"] = "Dip sample: missing episodes" });
        var toolUrl = created.Headers.Location!.OriginalString;
        var before = await ToolCountAsync();

        var refused = await browser.SubmitFormAsync($"{toolUrl}?handler=Copy", new(), formUrl: toolUrl);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains("section", page.QuerySelector(".govuk-error-summary")?.TextContent);
        Assert.Equal("Dip sample: missing episodes", page.QuerySelector("input[name='Settings.Name']")?.GetAttribute("value"));
        Assert.Equal(before, await ToolCountAsync());
    }

    [Fact]
    public async Task Import_BadFile_NamesTheProblemAndStoresNothing()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var before = await ToolCountAsync();
        var json = ToolInterchange.Serialize(ToolTemplates.Find("trigger-trio")!.Document).Replace("\"TT2\"", "\"TT1\"");

        var response = await UploadAsync(browser, json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("$.sections[0].questions[1].code: the code \"TT1\" is used twice", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);
        Assert.Equal(before, await ToolCountAsync());
    }

    [Fact]
    public async Task ExportThenImport_ThroughTheBrowser_GivesTheSameTool()
    {
        var tool = await ImportAsync("jtai-domestic-abuse");
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var exported = await browser.GetStringAsync($"/tools/{tool.Id}/v/1?handler=Export");
        var imported = await UploadAsync(browser, exported);

        var copyUrl = imported.Headers.Location!.OriginalString;
        var again = await browser.GetStringAsync($"{copyUrl}?handler=Export");
        // Only the name may differ: a second copy in the partnership is called "... (2)".
        Assert.Equal(
            ToolInterchange.Serialize(ToolInterchange.Parse(Encoding.UTF8.GetBytes(exported)) with { Name = "" }),
            ToolInterchange.Serialize(ToolInterchange.Parse(Encoding.UTF8.GetBytes(again)) with { Name = "" }));
    }

    [Fact]
    public async Task WordDocument_IsValidAndHasTheSectionsAsHeadingsAndTheCodesInTables()
    {
        var tool = await ImportAsync("jtai-domestic-abuse");
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var bytes = await browser.GetByteArrayAsync($"/tools/{tool.Id}/v/1?handler=Word");

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var body = document.MainDocumentPart!.Document.Body!;
        var headings = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Equal(["Guidance notes", "About this return", "Quality of the referral", "Quality of the assessment", "Quality of the plan", "Quality of case recording", "Management oversight", "Working together effectively"], headings);
        var firstColumn = body.Descendants<TableRow>().Select(r => r.Elements<TableCell>().First().InnerText).ToList();
        Assert.Contains("R1", firstColumn);
        Assert.Contains("P17a", firstColumn);
        Assert.Contains("W2", firstColumn);
    }

    private async Task<int> ToolCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditTools.CountAsync(t => t.PartnershipId == app.Data.Partnership.Id);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, string json)
    {
        var page = await browser.GetDocumentAsync("/tools/import");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "Upload", "tool.json");
        return await browser.PostAsync("/tools/import", content);
    }
}

public sealed class ToolDesignerTestsSqlite(SqliteAppFactory app) : ToolDesignerTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ToolDesignerTestsPostgres(PostgresAppFactory app) : ToolDesignerTests(app), IClassFixture<PostgresAppFactory>;
