namespace Parallax.Tests.Cases;

public abstract class CaseImportTests(ParallaxAppFactory app)
{
    private const string Headings = "UIN,Initials,Age,Expected birth date,Sex,Ethnicity,Area,Level of need,CP category,Section 20,MARAC,Risk factors,Household";

    private async Task<Guid> AuditAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await TestAudits.CreateAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Import audit")).Id;
    }

    private async Task<List<Case>> SampleAsync(Guid audit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        return await db.Cases.Include(c => c.Household).Where(c => db.AuditCases.Any(ac => ac.AuditId == audit && ac.CaseId == c.Id)).OrderBy(c => c.Uin).ToListAsync();
    }

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Prepend(Headings)));

    [Fact]
    public async Task Csv_AddsEveryCaseWithItsDetails()
    {
        var audit = await AuditAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/cases/import";

        var response = await lead.UploadAsync(url, "CaseList", "cases.csv", Csv(
            "IM-1,AB,4,,Female,White: Irish,North,CIN,,,No,DA; mental health,mother KT; partner DS",
            "IM-2,CD,unborn,2031-03-14,,,,Pre-birth,,,Yes,substance misuse,mother LM",
            "IM-3,EF,11,,Male,Pakistani,South,CP,Neglect,,No,neglect,\"father GH; sibling IJ\""));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sample = await SampleAsync(audit);
        Assert.Equal(["IM-1", "IM-2", "IM-3"], sample.Select(c => c.Uin));
        Assert.Equal((4, LevelOfNeed.ChildInNeed, RiskFactors.DomesticAbuse | RiskFactors.ParentalMentalHealth), (sample[0].AgeYears!.Value, sample[0].LevelOfNeed, sample[0].RiskFactors));
        Assert.Equal(["Mother KT", "StepParentOrPartner DS"], sample[0].Household.OrderBy(h => h.Order).Select(h => $"{h.Role} {h.Initials}"));
        Assert.Equal((true, new DateOnly(2031, 3, 14), true), (sample[1].Unborn, sample[1].ExpectedBirthOn!.Value, sample[1].HeardAtMarac));
        Assert.Equal(("Asian, Asian British or Asian Welsh: Pakistani", ProtectionCategory.Neglect), (sample[2].Ethnicity, sample[2].ProtectionCategory!.Value));
    }

    [Fact]
    public async Task Csv_WithBadRows_ListsEachByRowAndColumn_AndAddsNothing()
    {
        var audit = await AuditAsync();
        await using (var scope = app.Services.CreateAsyncScope())
            await TestAudits.AddCaseAsync(scope.ServiceProvider, app.Data.Partnership.Id, audit, "BAD-TAKEN");
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/cases/import";

        var response = await lead.UploadAsync(url, "CaseList", "cases.csv", Csv(
            "BAD-1,AB,4,,Female,,,CIN,,,No,,",
            "BAD-2,Jane Smith,four,,Female,,,CIN,,,No,,",
            "BAD-1,CD,5,,Male,,,Foster care,,,maybe,,",
            "BAD-TAKEN,EF,6,,Male,,,CIN,,,No,,uncle XY"));

        var page = await response.ReadDocumentAsync();
        Assert.Contains("nothing was added", page.QuerySelector(".govuk-error-summary")!.TextContent);
        var problems = page.QuerySelectorAll("#problems tbody tr").Select(r => string.Join("|", r.Children.Take(2).Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(["3|Age", "3|Initials", "4|Level of need", "4|MARAC", "5|Household", "5|UIN"], problems);
        Assert.Single(await SampleAsync(audit));

        // Once the bad rows are corrected, the one clash left is the UIN already registered.
        var second = await lead.UploadAsync(url, "CaseList", "cases.csv", Csv("BAD-1,AB,4,,Female,,,CIN,,,No,,", "BAD-TAKEN,EF,6,,Male,,,CIN,,,No,,"));
        var secondProblems = (await second.ReadDocumentAsync()).QuerySelectorAll("#problems tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("already registered", Assert.Single(secondProblems));
        Assert.Equal(["BAD-TAKEN"], (await SampleAsync(audit)).Select(c => c.Uin));
    }

    [Fact]
    public async Task Csv_NamingAPersonInTheInitials_IsRefused()
    {
        var audit = await AuditAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var response = await lead.UploadAsync($"/audits/{audit}/cases/import", "CaseList", "cases.csv", Csv("NM-1,Jane Smith,4,,Female,,,CIN,,,No,,"));

        var problem = (await response.ReadDocumentAsync()).QuerySelector("#problems tbody tr")!.TextContent;
        Assert.Contains("Initials", problem);
        Assert.Contains("never a name", problem);
        Assert.Empty(await SampleAsync(audit));
    }

    [Fact]
    public async Task Xlsx_IsReadLikeCsv()
    {
        var audit = await AuditAsync();
        var sheet = new WorksheetDraft("Cases");
        sheet.Add(Headings.Split(',').Select(h => new WorkbookCell(h)).ToArray());
        sheet.Add("XL-1,AB,7,,Male,Roma,East,CLA,,Yes,No,,mother QR".Split(',').Select(v => new WorkbookCell(v)).ToArray());
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var response = await lead.UploadAsync($"/audits/{audit}/cases/import", "CaseList", "cases.xlsx", WorkbookWriter.Write([sheet]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var added = Assert.Single(await SampleAsync(audit));
        Assert.Equal(("XL-1", LevelOfNeed.ChildLookedAfter, true), (added.Uin, added.LevelOfNeed, added.Section20));
    }

    [Theory]
    [InlineData("cases.xlsx", "PK\u0003\u0004 this is not really a workbook", "not an Excel workbook")]
    [InlineData("cases.txt", "UIN,Initials", "must be a CSV (.csv) or an Excel workbook")]
    [InlineData("cases.csv", "Child,Age\r\nAB,4", "missing: UIN, Initials, Sex, Level of need")]
    [InlineData("cases.csv", "", "The file is empty")]
    public async Task AFileThatIsNotACaseList_IsRefusedWithASentence(string name, string content, string expected)
    {
        var audit = await AuditAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var response = await lead.UploadAsync($"/audits/{audit}/cases/import", "CaseList", name, Encoding.UTF8.GetBytes(content));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Empty(await SampleAsync(audit));
    }

    [Fact]
    public async Task ImportPage_IsForLeadsOfThePartnershipOnly()
    {
        var audit = await AuditAsync();
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await police.GetAsync($"/audits/{audit}/cases/import")).StatusCode);
        var other = await app.SignedInBrowserAsync(TestPartnership.OtherLead);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/audits/{audit}/cases/import")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/audits/{audit}/cases/import?handler=Template")).StatusCode);
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var template = await lead.GetAsync($"/audits/{audit}/cases/import?handler=Template");
        Assert.StartsWith(Headings, (await template.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
    }
}

public sealed class SqliteCaseImportTests(SqliteAppFactory app) : CaseImportTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresCaseImportTests(PostgresAppFactory app) : CaseImportTests(app), IClassFixture<PostgresAppFactory>;
