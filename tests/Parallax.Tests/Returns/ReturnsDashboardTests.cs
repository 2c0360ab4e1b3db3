namespace Parallax.Tests.Returns;

/// <summary>The lead's returns dashboard and request page, and the agency's "not known": through the real pages.</summary>
public abstract class ReturnsDashboardTests(ParallaxAppFactory app)
{
    /// <summary>An audit with two cases, each asked of the police and the school, all sent.</summary>
    private async Task<(Guid Audit, List<ReturnRequest> Requests)> SentAuditAsync(string prefix)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var audit = await TestAudits.CreateAsync(services, app.Data.Partnership.Id, "Dashboard audit");
        var requests = services.GetRequiredService<ReturnRequests>();
        foreach (var uin in new[] { prefix + "-1", prefix + "-2" })
        {
            var @case = await TestAudits.AddCaseAsync(services, app.Data.Partnership.Id, audit.Id, uin);
            await requests.SetInvolvementAsync(app.Data.Partnership.Id, audit.Id, @case.Id, [(app.Data.Police.Id, null), (app.Data.School.Id, null)]);
        }

        await requests.GenerateAsync(app.Data.Partnership.Id, audit.Id);
        await requests.SendAsync(app.Data.Partnership.Id, audit.Id, TestPartnership.Lead);
        return (audit.Id, await services.GetRequiredService<ParallaxDbContext>().ReturnRequests.Where(r => r.AuditId == audit.Id).ToListAsync());
    }

    private async Task SetAsync(Guid requestId, ReturnStatus status, DateOnly? due = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var request = await db.ReturnRequests.SingleAsync(r => r.Id == requestId);
        request.Status = status;
        if (due is { } d) request.DueOn = d;
        await db.SaveChangesAsync();
    }

    private async Task<ReturnRequest> ReloadAsync(Guid requestId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ReturnRequests.AsNoTracking().SingleAsync(r => r.Id == requestId);
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Dashboard_ShowsEachStatus_TheResponseRates_AndWhatIsOverdue()
    {
        var (audit, requests) = await SentAuditAsync("DB");
        var police = requests.Where(r => r.AgencyId == app.Data.Police.Id).OrderBy(r => r.Id).ToList();
        var school = requests.Where(r => r.AgencyId == app.Data.School.Id).OrderBy(r => r.Id).ToList();
        // Police: one submitted, one overdue. School: one not known, one in progress.
        await SetAsync(police[0].Id, ReturnStatus.Submitted);
        await SetAsync(police[1].Id, ReturnStatus.Requested, Today.AddDays(-1));
        await SetAsync(school[0].Id, ReturnStatus.NotKnownToAgency);
        await SetAsync(school[1].Id, ReturnStatus.InProgress);

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var page = await lead.GetDocumentAsync($"/audits/{audit}/returns");

        // Expected: 4 sent less 1 not known = 3; 1 submitted: 33%.
        Assert.Equal("33%", page.QuerySelector("#response-rate")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("#overdue-count")!.TextContent.Trim());
        var tags = page.QuerySelectorAll("#returns-matrix tbody .govuk-tag").Select(t => t.TextContent.Trim()).Order().ToList();
        Assert.Equal(["In progress", "Not known", "Overdue", "Submitted"], tags);
        var rows = page.QuerySelectorAll("#agency-responses tbody tr")
            .Select(r => string.Join("|", r.Children.Take(6).Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(["Testshire Schools|2|0|1|0|0%", "Testshire Police|2|1|0|1|50%"], rows);
    }

    [Fact]
    public async Task OneClickReminder_QueuesMailToTheAgencysAuditors_OnceADay()
    {
        var (audit, _) = await SentAuditAsync("RM");
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/returns?handler=Remind&agencyId={app.Data.Police.Id}";

        var first = await lead.SubmitFormAsync(url, [], formUrl: $"/audits/{audit}/returns");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("A reminder is on its way to Testshire Police", (await lead.GetDocumentAsync($"/audits/{audit}/returns")).QuerySelector(".govuk-notification-banner")!.TextContent);
        await lead.SubmitFormAsync(url, [], formUrl: $"/audits/{audit}/returns");
        Assert.Contains("already reminded today", (await lead.GetDocumentAsync($"/audits/{audit}/returns")).QuerySelector(".govuk-notification-banner")!.TextContent);

        await using var scope = app.Services.CreateAsyncScope();
        var reminders = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().OutboxMessages
            .Where(m => m.AuditId == audit && m.Kind == "manual-reminder").ToListAsync();
        Assert.Equal([TestPartnership.PoliceAuditor], reminders.Select(m => m.To));
    }

    [Fact]
    public async Task Extension_RefusesAWeekend_ThenMovesTheDueDateAndRecordsIt()
    {
        var (audit, requests) = await SentAuditAsync("EX");
        var request = requests.First(r => r.AgencyId == app.Data.Police.Id);
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/returns/{request.Id}";

        var weekend = await lead.SubmitFormAsync(url + "?handler=Extend", new() { ["NewDue.Day"] = "22", ["NewDue.Month"] = "6", ["NewDue.Year"] = "2030" }, formUrl: url);
        Assert.Contains("Saturday 22 June 2030 is not a working day", (await weekend.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(new DateOnly(2030, 6, 17), (await ReloadAsync(request.Id)).DueOn);

        await lead.SubmitFormAsync(url + "?handler=Extend", new() { ["NewDue.Day"] = "24", ["NewDue.Month"] = "6", ["NewDue.Year"] = "2030", ["Reason"] = "Records held off site" }, formUrl: url);
        var saved = await ReloadAsync(request.Id);
        Assert.Equal((ReturnStatus.ExtensionGranted, new DateOnly(2030, 6, 24)), (saved.Status, saved.DueOn));
        var page = await lead.GetDocumentAsync(url);
        Assert.Contains("Records held off site", page.QuerySelector("#history")!.TextContent);
        // The history says what happened, in order: the sending, then the extension.
        Assert.Equal(["Sent to the agency", "Extension granted (due 24 Jun 2030)"],
            page.QuerySelectorAll("#history tbody tr").Select(row => row.Children[1].TextContent.Trim()).ToArray());
        // And who did it: the lead who sent the requests, then the lead who extended (never a placeholder such as "sent").
        Assert.Equal([TestPartnership.Lead, TestPartnership.Lead],
            page.QuerySelectorAll("#history tbody tr").Select(row => row.Children[2].TextContent.Trim()).ToArray());
        Assert.Contains("Extended to 24 Jun", (await lead.GetDocumentAsync($"/audits/{audit}/returns")).QuerySelector("#returns-matrix")!.TextContent);
    }

    [Fact]
    public async Task NoReturn_BeforeTheDeadline_IsRefused()
    {
        var (audit, requests) = await SentAuditAsync("NR");
        var request = requests.First();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/returns/{request.Id}";

        var response = await lead.SubmitFormAsync(url + "?handler=NoReturn", [], formUrl: url);

        Assert.Contains("not due until 17 June 2030", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(ReturnStatus.Requested, (await ReloadAsync(request.Id)).Status);

        await SetAsync(request.Id, ReturnStatus.Requested, Today.AddDays(-1));
        await lead.SubmitFormAsync(url + "?handler=NoReturn", [], formUrl: url);
        Assert.Equal(ReturnStatus.NoReturn, (await ReloadAsync(request.Id)).Status);
    }

    [Fact]
    public async Task NotKnown_NeedsAReason_ThenClosesTheReturn_AndTheLeadCanReopenItWithAReasonTheAgencySees()
    {
        var (audit, requests) = await SentAuditAsync("NK");
        var request = requests.First(r => r.AgencyId == app.Data.School.Id);
        var school = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var url = $"/returns/{request.Id}";

        var empty = await school.SubmitFormAsync(url + "?handler=NotKnown", new() { ["NotKnownReason"] = "  " }, formUrl: url);
        Assert.Contains("Enter why your agency does not know this child or family", (await empty.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(ReturnStatus.Requested, (await ReloadAsync(request.Id)).Status);

        await school.SubmitFormAsync(url + "?handler=NotKnown", new() { ["NotKnownReason"] = "Not on roll at any school in the lookback period" }, formUrl: url);
        Assert.Equal(ReturnStatus.NotKnownToAgency, (await ReloadAsync(request.Id)).Status);
        var closed = await school.GetDocumentAsync(url);
        Assert.Contains("Not on roll", closed.QuerySelector("#submitted")!.TextContent);
        Assert.Null(closed.QuerySelector("main form[method=post]"));

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var leadUrl = $"/audits/{audit}/returns/{request.Id}";
        var noReason = await lead.SubmitFormAsync(leadUrl + "?handler=Reopen", new() { ["ReopenReason"] = "" }, formUrl: leadUrl);
        Assert.Contains("Enter why the return is being reopened", (await noReason.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        await lead.SubmitFormAsync(leadUrl + "?handler=Reopen", new() { ["ReopenReason"] = "The child moved school in March: please check the previous school's records" }, formUrl: leadUrl);

        Assert.Equal(ReturnStatus.InProgress, (await ReloadAsync(request.Id)).Status);
        var reopened = await school.GetDocumentAsync(url);
        Assert.Contains("moved school in March", reopened.QuerySelector("#reopened")!.TextContent);
        Assert.NotNull(reopened.QuerySelector("main form[method=post]"));
        await using var scope = app.Services.CreateAsyncScope();
        var trail = (await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditEvents
            .Where(e => e.Entity == nameof(ReturnStatusChange)).FieldsAsync()).Where(e => e.Field == nameof(ReturnStatusChange.Reason)).Select(e => e.NewValue).ToList();
        Assert.Contains("The child moved school in March: please check the previous school's records", trail);
    }

    [Fact]
    public async Task RequestPages_AreClosedToOtherRolesAgenciesAndPartnerships()
    {
        var (audit, requests) = await SentAuditAsync("AC");
        var policeRequest = requests.First(r => r.AgencyId == app.Data.Police.Id);

        // Agency auditors, panel members and viewers cannot open the lead's pages at all.
        foreach (var email in new[] { TestPartnership.PoliceAuditor, TestPartnership.Panel, TestPartnership.Viewer })
        {
            var browser = await app.SignedInBrowserAsync(email);
            foreach (var url in new[] { $"/audits/{audit}/returns", $"/audits/{audit}/returns/{policeRequest.Id}", $"/audits/{audit}/team" })
                Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(url)).StatusCode);
        }

        // Another partnership's lead is let in by role, then finds nothing.
        var other = await app.SignedInBrowserAsync(TestPartnership.OtherLead);
        foreach (var url in new[] { $"/audits/{audit}/returns", $"/audits/{audit}/returns/{policeRequest.Id}", $"/audits/{audit}/team" })
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        var ownAuditUrl = "/audits/new";
        var token = (await other.GetDocumentAsync(ownAuditUrl)).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var reopen = await other.PostAsync($"/audits/{audit}/returns/{policeRequest.Id}?handler=Reopen",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["ReopenReason"] = "x", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, reopen.StatusCode);
        var remind = await other.PostAsync($"/audits/{audit}/returns?handler=Remind&agencyId={app.Data.Police.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, remind.StatusCode);

        // The school's auditor cannot close the police's request as "not known".
        var school = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var schoolToken = (await school.GetDocumentAsync("/returns/" + requests.First(r => r.AgencyId == app.Data.School.Id).Id))
            .QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var notKnown = await school.PostAsync($"/returns/{policeRequest.Id}?handler=NotKnown",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["NotKnownReason"] = "x", ["__RequestVerificationToken"] = schoolToken }));
        Assert.Equal(HttpStatusCode.NotFound, notKnown.StatusCode);
        Assert.Equal(ReturnStatus.Requested, (await ReloadAsync(policeRequest.Id)).Status);
    }

    [Fact]
    public async Task Team_TakesPartnershipStaff_NotAgencyAuditors()
    {
        var (audit, _) = await SentAuditAsync("TM");
        Guid panelId, policeId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            panelId = (await db.Users.SingleAsync(u => u.Email == TestPartnership.Panel)).Id;
            policeId = (await db.Users.SingleAsync(u => u.Email == TestPartnership.PoliceAuditor)).Id;
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/team";
        var refused = await lead.SubmitFormAsync(url + "?handler=Add", new() { ["UserId"] = policeId.ToString(), ["Role"] = "Lead" }, formUrl: url);
        Assert.Contains("Select a person from your partnership", (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        await lead.SubmitFormAsync(url + "?handler=Add", new() { ["UserId"] = panelId.ToString(), ["Role"] = "Coordinator" }, formUrl: url);
        Assert.Contains("Coordinator", (await lead.GetDocumentAsync(url)).QuerySelector("#team")!.TextContent);

    }
}

public sealed class SqliteReturnsDashboardTests(SqliteAppFactory app) : ReturnsDashboardTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReturnsDashboardTests(PostgresAppFactory app) : ReturnsDashboardTests(app), IClassFixture<PostgresAppFactory>;
