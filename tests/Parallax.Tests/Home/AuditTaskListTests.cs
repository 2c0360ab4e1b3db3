namespace Parallax.Tests.Home;

/// <summary>
/// The audit page's task list through an audit's life, as the lead sees it: each step's status, links only where
/// a step can start; sending requests through check-your-answers to a confirmation panel; success banners.
/// </summary>
public abstract class AuditTaskListTests(ParallaxAppFactory app)
{
    private static string Status(AngleSharp.Html.Dom.IHtmlDocument page, string task) =>
        page.QuerySelector($"#task-{task}-status")?.TextContent.Trim() ?? $"no {task} task";

    [Fact]
    public async Task TaskList_FollowsTheAudit_FromSetUpToFinalReport()
    {
        var partnership = app.Data.Partnership.Id;
        Audit audit;
        await using (var scope = app.Services.CreateAsyncScope())
            audit = await TestAudits.CreateAsync(scope.ServiceProvider, partnership, "Task list audit");
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit.Id}";

        var page = await lead.GetDocumentAsync(url);
        Assert.Equal("Completed", Status(page, "terms"));
        Assert.Equal("Not started", Status(page, "sample"));
        Assert.Equal("Cannot start yet", Status(page, "send"));
        Assert.Null(page.QuerySelector("#task-send a"));
        Assert.Equal("Cannot start yet", Status(page, "collect"));
        Assert.Equal("Cannot start yet", Status(page, "panel"));
        Assert.Equal("Cannot start yet", Status(page, "report"));

        Parallax.Core.Cases.Case child;
        await using (var scope = app.Services.CreateAsyncScope())
            child = await TestAudits.AddCaseAsync(scope.ServiceProvider, partnership, audit.Id, TestAudits.NewUin("TL"));
        page = await lead.GetDocumentAsync(url);
        Assert.Equal("In progress", Status(page, "sample"));
        Assert.Contains("1 case has no agencies recorded", page.QuerySelector("#task-sample-hint")!.TextContent);
        Assert.Equal("Cannot start yet", Status(page, "send"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var requests = scope.ServiceProvider.GetRequiredService<ReturnRequests>();
            await requests.SetInvolvementAsync(partnership, audit.Id, child.Id, [(app.Data.Police.Id, null)]);
            await requests.GenerateAsync(partnership, audit.Id);
        }

        page = await lead.GetDocumentAsync(url);
        Assert.Equal("In progress", Status(page, "send"));
        Assert.Equal($"{url}/returns", page.QuerySelector("#task-send a")!.GetAttribute("href"));

        // Check your answers, then send: the confirmation panel says how many went.
        var check = await lead.GetDocumentAsync($"{url}/returns/send");
        Assert.Equal("1", check.QuerySelector("#send-count")!.TextContent.Trim());
        Assert.Contains("Testshire Police", check.QuerySelector("#send-agencies")!.TextContent);
        var sent = await lead.SubmitFormAsync($"{url}/returns/send", []);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"{url}/returns/sent", sent.Headers.Location!.OriginalString);
        var confirmation = await lead.GetDocumentAsync($"{url}/returns/sent");
        Assert.Equal("Requests sent", confirmation.QuerySelector(".govuk-panel__title")!.TextContent.Trim());
        Assert.Contains("1 return request", confirmation.QuerySelector("#sent-count")!.TextContent);

        page = await lead.GetDocumentAsync(url);
        Assert.Equal("Completed", Status(page, "send"));
        Assert.Equal("In progress", Status(page, "collect"));
        Assert.Equal("Cannot start yet", Status(page, "panel"));

        // Moving to the panel stage: a success banner, never "Important".
        var moved = await lead.SubmitFormAsync($"{url}?handler=Advance", [], formUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        page = await lead.GetDocumentAsync(url);
        Assert.Contains("panel stage", page.QuerySelector(".govuk-notification-banner--success")!.TextContent);
        Assert.DoesNotContain("Important", page.QuerySelector("main")!.TextContent);
        Assert.Equal("In progress", Status(page, "panel"));
        Assert.Equal("Not started", Status(page, "findings"));
        Assert.Equal("Not started", Status(page, "report"));

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AuditReports>().GenerateAsync(partnership, audit.Id, "lead");
        Assert.Equal("In progress", Status(await lead.GetDocumentAsync(url), "report"));
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AuditReports>().FinaliseAsync(partnership, audit.Id, 1, confirmIdentifiers: true, "lead");
        Assert.Equal("Completed", Status(await lead.GetDocumentAsync(url), "report"));
    }
}

public sealed class SqliteAuditTaskListTests(SqliteAppFactory app) : AuditTaskListTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAuditTaskListTests(PostgresAppFactory app) : AuditTaskListTests(app), IClassFixture<PostgresAppFactory>;
