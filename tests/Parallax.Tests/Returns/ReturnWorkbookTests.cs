namespace Parallax.Tests.Returns;

/// <summary>Offline completion: download a return as a workbook, fill it in, upload it; through the real pages.</summary>
public abstract class ReturnWorkbookTests(ParallaxAppFactory app)
{
    // The trigger-trio tool, as laid out for an agency: row 6 the section, 7-12 TT1-TT6, 13 the section
    // judgement, 14 its qualifier, 15 "Overall", 16 the agency judgement, 17 its qualifier, 18 good practice.
    private static Dictionary<string, string> Complete() => new()
    {
        ["C7"] = "Yes", ["C8"] = "Yes", ["C9"] = "Yes", ["C10"] = "Yes", ["C11"] = "Yes", ["C12"] = "N/A", ["D12"] = "No plan was needed: the family moved away.",
        ["C13"] = "Good", ["D13"] = "Risks were seen together and shared at strategy.", ["C16"] = "Requires improvement", ["D16"] = "Records were late.",
    };

    private async Task<(Guid Audit, Guid School, Guid Police)> SentAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (audit, _, all) = await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Workbook audit", TestAudits.NewUin("WB"), app.Data.Police.Id, app.Data.School.Id);
        return (audit.Id, all.Single(r => r.AgencyId == app.Data.School.Id).Id, all.Single(r => r.AgencyId == app.Data.Police.Id).Id);
    }

    private async Task<AuditReturn?> SavedAsync(Guid request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditReturns.Include(r => r.Answers).AsNoTracking().FirstOrDefaultAsync(r => r.Id == request);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, Guid request, byte[] workbook, string action = "submit") =>
        await browser.UploadAsync($"/returns/{request}?handler=Upload", "Workbook", "return.xlsx", workbook, formUrl: $"/returns/{request}", fields: new() { ["UploadAction"] = action });

    [Fact]
    public async Task ACompletedWorkbook_IsSubmitted()
    {
        var (_, school, _) = await SentAsync();
        var browser = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var download = await browser.GetAsync($"/returns/{school}?handler=Workbook");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType!.MediaType);
        var workbook = await download.Content.ReadAsByteArrayAsync();
        var sheet = SheetReader.ReadXlsx(new MemoryStream(workbook), ReturnWorkbook.MainSheet);
        Assert.Equal(["TT1", "TT6", "Judgement", "Agency", "Good practice"], new[] { 7, 12, 13, 16, 18 }.Select(r => sheet.Cell(r, 1)));

        var response = await UploadAsync(browser, school, WorkbookEditing.SetCells(workbook, ReturnWorkbook.MainSheet, Complete()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await SavedAsync(school);
        Assert.NotNull(saved!.SubmittedAt);
        Assert.Equal("na", saved.Answers.Single(a => a.Code == "TT6").Value);
        Assert.Equal("No plan was needed: the family moved away.", saved.Answers.Single(a => a.Code == "TT6").Comment);
    }

    [Fact]
    public async Task BadAnswers_AreListedByCell_AndNothingIsSaved()
    {
        var (_, school, _) = await SentAsync();
        var browser = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var workbook = await (await browser.GetAsync($"/returns/{school}?handler=Workbook")).Content.ReadAsByteArrayAsync();
        var cells = Complete();
        cells["C7"] = "Maybe";
        cells["C8"] = "No";

        var response = await UploadAsync(browser, school, WorkbookEditing.SetCells(workbook, ReturnWorkbook.MainSheet, cells));

        var page = await response.ReadDocumentAsync();
        Assert.Contains("nothing was saved", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(["C7", "D8"], page.QuerySelectorAll("#workbook-problems tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Null(await SavedAsync(school));

        cells["C7"] = "Yes";
        cells["C8"] = "Yes";
        cells["C13"] = "Brilliant";
        var grade = await UploadAsync(browser, school, WorkbookEditing.SetCells(workbook, ReturnWorkbook.MainSheet, cells), "draft");
        var gradeProblem = (await grade.ReadDocumentAsync()).QuerySelector("#workbook-problems tbody tr")!.TextContent;
        Assert.Contains("C13", gradeProblem);
        Assert.Contains("\"Brilliant\" is not a judgement", gradeProblem);
        Assert.Null(await SavedAsync(school));
    }

    [Fact]
    public async Task AWorkbookWithMovedRows_IsRefusedWhole()
    {
        var (_, school, _) = await SentAsync();
        var browser = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var workbook = await (await browser.GetAsync($"/returns/{school}?handler=Workbook")).Content.ReadAsByteArrayAsync();
        var cells = Complete();
        cells["A7"] = "TT2";
        cells["A8"] = "TT1";

        var response = await UploadAsync(browser, school, WorkbookEditing.SetCells(workbook, ReturnWorkbook.MainSheet, cells));

        Assert.Contains("rows were changed", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Null(await SavedAsync(school));
    }

    [Fact]
    public async Task AnotherReturnsWorkbook_OrAFileThatIsNotAWorkbook_IsRefused()
    {
        var (_, school, police) = await SentAsync();
        var policeBrowser = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var policeWorkbook = await (await policeBrowser.GetAsync($"/returns/{police}?handler=Workbook")).Content.ReadAsByteArrayAsync();
        var schoolBrowser = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);

        var wrong = await UploadAsync(schoolBrowser, school, WorkbookEditing.SetCells(policeWorkbook, ReturnWorkbook.MainSheet, Complete()));
        Assert.Contains("This workbook is for a different return", (await wrong.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);

        var text = await UploadAsync(schoolBrowser, school, Encoding.UTF8.GetBytes("TT1,Yes\r\nTT2,Yes"));
        Assert.Contains("not an Excel workbook", (await text.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Null(await SavedAsync(school));
        Assert.Null(await SavedAsync(police));
    }

    [Fact]
    public async Task AWorkbookDownloadedBeforeAnOnlineSave_DoesNotOverwriteIt()
    {
        var (_, school, _) = await SentAsync();
        var browser = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var workbook = await (await browser.GetAsync($"/returns/{school}?handler=Workbook")).Content.ReadAsByteArrayAsync();
        await browser.SubmitFormAsync($"/returns/{school}?handler=Save", new() { ["q-tt1"] = "no", ["q-tt1-comment"] = "Typed online" }, formUrl: $"/returns/{school}");

        var response = await UploadAsync(browser, school, WorkbookEditing.SetCells(workbook, ReturnWorkbook.MainSheet, Complete()), "draft");

        Assert.Contains("changed in Parallax after the workbook was downloaded", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("Typed online", (await SavedAsync(school))!.Answers.Single(a => a.Code == "TT1").Comment);
    }

    [Fact]
    public async Task Workbooks_AreOnlyForTheAgencyAndItsLead()
    {
        var (audit, school, _) = await SentAsync();
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync($"/returns/{school}?handler=Workbook")).StatusCode);
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/returns/{school}?handler=Workbook")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/audits/{audit}/returns/{school}?handler=Workbook")).StatusCode);
        var other = await app.SignedInBrowserAsync(TestPartnership.OtherLead);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/audits/{audit}/returns/{school}?handler=Workbook")).StatusCode);
        var panel = await app.SignedInBrowserAsync(TestPartnership.Panel);
        Assert.Equal(HttpStatusCode.Forbidden, (await panel.GetAsync($"/audits/{audit}/returns/{school}?handler=Workbook")).StatusCode);
    }
}

public sealed class SqliteReturnWorkbookTests(SqliteAppFactory app) : ReturnWorkbookTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReturnWorkbookTests(PostgresAppFactory app) : ReturnWorkbookTests(app), IClassFixture<PostgresAppFactory>;
