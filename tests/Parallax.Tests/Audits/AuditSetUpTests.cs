namespace Parallax.Tests.Audits;

public abstract class AuditSetUpTests(ParallaxAppFactory app)
{
    private async Task<AuditTool> ToolAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ToolCatalogue>().ImportAsync(app.Data.Partnership.Id, ToolTemplates.Find("trigger-trio")!.Document, "trigger-trio");
    }

    private static Dictionary<string, string> Plan(AuditTool tool, string sentOn = "20/12/2030", string days = "6", string panel = "") => new()
    {
        ["Title"] = "Trigger trio audit, winter",
        ["Theme"] = "Cumulative risk where domestic abuse, substance misuse and mental ill health meet",
        ["ThemeSource"] = "Rapid Review themes",
        ["Tool"] = $"{tool.Id}/1",
        ["LookbackRule"] = "The last 6 months of your agency's involvement",
        ["SampleSizeTarget"] = "6",
        ["RequestsSentOn.Day"] = sentOn.Split('/')[0], ["RequestsSentOn.Month"] = sentOn.Split('/')[1], ["RequestsSentOn.Year"] = sentOn.Split('/')[2],
        ["ReturnWorkingDays"] = days,
        ["PanelOn.Day"] = panel.Split('/').ElementAtOrDefault(0) ?? "", ["PanelOn.Month"] = panel.Split('/').ElementAtOrDefault(1) ?? "", ["PanelOn.Year"] = panel.Split('/').ElementAtOrDefault(2) ?? "",
    };

    [Fact]
    public async Task Post_ValidPlan_CountsTheDeadlineInWorkingDaysAndFreezesTheTool()
    {
        var tool = await ToolAsync();
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var response = await browser.SubmitFormAsync("/audits/new", Plan(tool, panel: "13/01/2031"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var overview = await browser.GetDocumentAsync(response.Headers.Location!.OriginalString);
        // Fri 20 Dec 2030: Mon 23, Tue 24, (Christmas, Boxing Day), Fri 27, Mon 30, Tue 31, (New Year's Day), Thu 2 Jan.
        Assert.Contains("Thursday 2 January 2031 (6 working days)", overview.QuerySelector("main")!.TextContent);
        await using var scope = app.Services.CreateAsyncScope();
        var version = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ToolVersions.SingleAsync(v => v.ToolId == tool.Id);
        Assert.NotNull(version.FrozenAt);
    }

    [Fact]
    public async Task APartnershipsOwnBankHoliday_MovesTheDeadlineOfNewAudits()
    {
        var tool = await ToolAsync();
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var weekend = await admin.SubmitFormAsync("/admin/bank-holidays?handler=Add", new() { ["Date.Day"] = "15", ["Date.Month"] = "3", ["Date.Year"] = "2031", ["Name"] = "Local day" }, formUrl: "/admin/bank-holidays");
        Assert.Contains("That day is a weekend", (await weekend.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var added = await admin.SubmitFormAsync("/admin/bank-holidays?handler=Add", new() { ["Date.Day"] = "14", ["Date.Month"] = "3", ["Date.Year"] = "2031", ["Name"] = "Partnership one-off" }, formUrl: "/admin/bank-holidays");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Friday 14 March 2031", (await admin.GetDocumentAsync("/admin/bank-holidays")).QuerySelector("#changes")!.TextContent);

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/admin/bank-holidays")).StatusCode);
        var response = await lead.SubmitFormAsync("/audits/new", Plan(tool, sentOn: "10/03/2031"));

        // Mon 10 March: Tue 11, Wed 12, Thu 13, (Fri 14 the partnership's holiday), Mon 17, Tue 18, Wed 19.
        var overview = await lead.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Wednesday 19 March 2031 (6 working days)", overview.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Post_EmptyForm_NamesEveryMissingAnswerAndCreatesNothing()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var before = await AuditCountAsync();

        var response = await browser.SubmitFormAsync("/audits/new", new() { ["ReturnWorkingDays"] = "", ["RequestsSentOn.Day"] = "", ["RequestsSentOn.Month"] = "", ["RequestsSentOn.Year"] = "" });

        var errors = (await response.ReadDocumentAsync()).QuerySelectorAll(".govuk-error-summary a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(
            ["Enter a title for the audit", "Enter the theme of the audit", "Select an audit tool", "Enter the date requests are sent", "Working days to return must be a whole number, like 15"],
            errors);
        Assert.Equal(before, await AuditCountAsync());
    }

    [Theory]
    [InlineData("01/01/2020", "", "The date requests are sent must be today or in the future")]
    [InlineData("31/02/2030", "", "The date requests are sent must be a real date")]
    [InlineData("20/12/2030", "02/01/2031", "The panel must be after returns are due on 2 January 2031")]
    public async Task Post_ImpossibleDates_AreRefusedWithTheReason(string sentOn, string panel, string message)
    {
        var tool = await ToolAsync();
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var before = await AuditCountAsync();

        var response = await browser.SubmitFormAsync("/audits/new", Plan(tool, sentOn, panel: panel));

        Assert.Contains(message, (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);
        Assert.Equal(before, await AuditCountAsync());
    }

    [Theory]
    [InlineData(TestPartnership.PoliceAuditor)]
    [InlineData(TestPartnership.Viewer)]
    public async Task AuditPages_AsAgencyAuditorOrViewer_AreForbidden(string email)
    {
        var browser = await app.SignedInBrowserAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/audits")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/audits/new")).StatusCode);
    }

    [Fact]
    public async Task Overview_OfAnotherPartnershipsAudit_IsNotFound()
    {
        Guid otherAudit;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var other = await db.Partnerships.SingleAsync(p => p.Name.StartsWith("Otherfield"));
            var tool = await scope.ServiceProvider.GetRequiredService<ToolCatalogue>().ImportAsync(other.Id, ToolTemplates.Find("trigger-trio")!.Document);
            otherAudit = (await scope.ServiceProvider.GetRequiredService<AuditPlanner>().CreateAsync(other.Id,
                new AuditPlan("Other audit", "Neglect", null, null, tool.Id, 1, null, null, new DateOnly(2030, 6, 3), 10, null),
                Core.Calendar.BankHolidays.EnglandAndWales)).Id;
        }

        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/audits/{otherAudit}")).StatusCode);
        Assert.DoesNotContain("Other audit", await browser.GetStringAsync("/audits"));
    }

    private async Task<int> AuditCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Audits.CountAsync(a => a.PartnershipId == app.Data.Partnership.Id);
    }
}

public sealed class AuditSetUpTestsSqlite(SqliteAppFactory app) : AuditSetUpTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AuditSetUpTestsPostgres(PostgresAppFactory app) : AuditSetUpTests(app), IClassFixture<PostgresAppFactory>;
