namespace Parallax.Tests.Home;

/// <summary>
/// Each role's home page on a moved clock: nothing due; returns due in a few days; overdue returns, cases ready
/// for the panel, an overdue action and a final report. Every link on each home page is followed as its reader
/// and must open (no 403, no 404).
/// </summary>
public abstract class HomePageTests(ParallaxAppFactory app, FakeTimeProvider clock)
{
    private void MoveTo(DateOnly day) => clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));

    private static string Text(AngleSharp.Html.Dom.IHtmlDocument page, string selector) =>
        page.QuerySelector(selector)?.TextContent.Replace('\u00a0', ' ') is { } text ? string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)) : "";

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> HomeAsync(string user)
    {
        var browser = await app.SignedInBrowserAsync(user);
        var page = await browser.GetDocumentAsync("/");
        Assert.DoesNotContain("coming soon", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Null(page.QuerySelector("h1:contains('What you can do')"));
        // Every link in the page's main content opens for this reader.
        foreach (var href in page.QuerySelectorAll("main a[href^='/']").Select(a => a.GetAttribute("href")!).Distinct())
        {
            var response = await browser.GetAsync(href);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user}: {href} answered {(int)response.StatusCode}");
        }

        return page;
    }

    [Fact]
    public async Task HomePages_ShowWhatNeedsEachRole_AsTheClockMoves()
    {
        var partnership = app.Data.Partnership.Id;
        // Before anything is asked of anyone: nothing is due, and each page says so.
        MoveTo(new DateOnly(2030, 5, 1));
        Assert.Contains("No returns are overdue", Text(await HomeAsync(TestPartnership.Lead), "#lead"));
        Assert.Contains("No returns are waiting", Text(await HomeAsync(TestPartnership.PoliceAuditor), "#agency"));
        Assert.Contains("No cases are ready", Text(await HomeAsync(TestPartnership.Panel), "#panel"));
        var viewer = await HomeAsync(TestPartnership.Viewer);
        Assert.Contains("No audit report has been made final", Text(viewer, "#viewer"));
        Assert.Contains("0 actions are open", Text(viewer, "#viewer-figures"));

        // The figures audit: 8 returns submitted; the police's return on the fifth case is a draft, due with the rest.
        Guid auditId;
        DateOnly due;
        string draftUin;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var s = scope.ServiceProvider;
            auditId = await TestAudits.FiguresAuditAsync(s, app.Data, "Home audit");
            var db = s.GetRequiredService<ParallaxDbContext>();
            due = await db.Audits.Where(a => a.Id == auditId).Select(a => a.ReturnsDueOn).SingleAsync();
            draftUin = await (from r in db.ReturnRequests join c in db.Cases on r.CaseId equals c.Id
                              where r.AuditId == auditId && r.Status != Parallax.Core.Returns.ReturnStatus.Submitted select c.Uin).SingleAsync();
            var caseId = await db.AuditCases.Where(ac => ac.AuditId == auditId).Select(ac => ac.CaseId).FirstAsync();
            var findings = s.GetRequiredService<AuditFindings>();
            var theme = (await findings.ThemesAsync(partnership)).First();
            var finding = await findings.AddAsync(partnership, auditId, new FindingInput(FindingKind.AreaForImprovement, FindingScope.SingleAgency, app.Data.Police.Id, theme.Id, "Chronologies were not kept", [caseId]));
            var plans = s.GetRequiredService<ActionPlans>();
            var recommendation = await plans.AddRecommendationAsync(partnership, auditId,
                new RecommendationInput("Testshire Police to keep a chronology on every child protection case.", Addressee.Agency, null, app.Data.Police.Id, Priority.High, [finding.Id]), "lead");
            await plans.AddActionAsync(partnership, recommendation.Id, new ActionInput(app.Data.Police.Id, null, "Add a chronology prompt", "A dip sample shows chronologies", due));
            MoveTo(due.AddDays(-9));
            await s.GetRequiredService<ReviewOpening>().CreateAsync(partnership, new ReviewInput(ReviewKind.RapidReview, "Child HP", "serious injury at home",
                due.AddDays(-10), due.AddDays(-9), due.AddYears(-1), due.AddDays(-10), TestAudits.NewUin("HP"), "QZ", 2, Sex.Male, LevelOfNeed.ChildInNeed, []), "lead");
        }

        // Three days before the deadline: the lead sees one return due this week; the police see it with days left.
        MoveTo(due.AddDays(-3));
        var lead = await HomeAsync(TestPartnership.Lead);
        var row = lead.QuerySelectorAll("#lead-audits tbody tr").Single(r => r.TextContent.Contains("Home audit"));
        Assert.Equal(["0", "1", "0"], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim().Split(' ')[0]));
        Assert.Equal($"/audits/{auditId}/returns", row.QuerySelectorAll("td")[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("No actions are overdue", Text(lead, "#lead-actions"));
        Assert.Contains("Child HP", Text(lead, "#lead-reviews"));
        var police = await HomeAsync(TestPartnership.PoliceAuditor);
        Assert.Contains(draftUin, Text(police, "#agency-returns tbody tr"));
        Assert.Contains("due in 3 days", Text(police, "#agency-returns tbody tr"));
        Assert.Contains(draftUin, Text(await (await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor)).GetDocumentAsync("/returns"), "#my-returns-open tbody"));
        Assert.Contains("Add a chronology prompt", Text(police, "#agency-actions"));
        Assert.Contains("No returns are waiting", Text(await HomeAsync(TestPartnership.SchoolAuditor), "#agency"));
        Assert.Contains("No cases are ready", Text(await HomeAsync(TestPartnership.Panel), "#panel"));

        // Two days after it: overdue for the lead and the police, the action overdue, the four returned cases ready for the panel.
        MoveTo(due.AddDays(2));
        lead = await HomeAsync(TestPartnership.Lead);
        row = lead.QuerySelectorAll("#lead-audits tbody tr").Single(r => r.TextContent.Contains("Home audit"));
        Assert.StartsWith("1", row.QuerySelectorAll("td")[0].TextContent.Trim());
        Assert.Contains("1 action is overdue", Text(lead, "#lead-actions"));
        Assert.Equal("/actions?State=Overdue", lead.QuerySelector("#lead-actions a")!.GetAttribute("href"));
        police = await HomeAsync(TestPartnership.PoliceAuditor);
        Assert.Contains("2 days overdue", Text(police, "#agency-returns tbody tr"));
        // My returns: the overdue one apart from the rest, finished work behind its own filter.
        var policeReturns = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var mine = await policeReturns.GetDocumentAsync("/returns");
        Assert.Contains(draftUin, Text(mine, "#my-returns-overdue tbody"));
        Assert.Null(mine.QuerySelector("#my-returns-open"));
        Assert.Contains("Overdue", Text(mine, "#my-returns-overdue tbody tr td:last-child"));
        var finished = await policeReturns.GetDocumentAsync("/returns?Show=done");
        Assert.Equal(4, finished.QuerySelectorAll("#my-returns-done tbody tr").Length);
        Assert.DoesNotContain(draftUin, Text(finished, "#my-returns"));
        Assert.Contains("4 cases of Home audit", Text(await HomeAsync(TestPartnership.Panel), "#panel-audits"));
        viewer = await HomeAsync(TestPartnership.Viewer);
        Assert.Contains("1 action is open", Text(viewer, "#viewer-figures"));
        Assert.Contains("1 overdue", Text(viewer, "#viewer-figures"));

        // A final report: the viewer reads it from the home page.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var reports = scope.ServiceProvider.GetRequiredService<AuditReports>();
            var version = await reports.GenerateAsync(partnership, auditId, "lead");
            await reports.FinaliseAsync(partnership, auditId, version.Number, confirmIdentifiers: true, "lead");
        }

        viewer = await HomeAsync(TestPartnership.Viewer);
        Assert.Equal($"/reports/{auditId}", viewer.QuerySelector("#viewer-reports a")!.GetAttribute("href"));
        var reader = await app.SignedInBrowserAsync(TestPartnership.Viewer);
        Assert.Contains("Home audit", (await reader.GetDocumentAsync($"/reports/{auditId}")).Title);
        // The police, for their part, may not.
        var policeBrowser = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await policeBrowser.GetAsync($"/reports/{auditId}")).StatusCode);
    }

    [Fact]
    public async Task AgencyHome_ListsTheRapidReviewSummariesItOwes_WithTheDueDateAndALink_UntilSubmitted()
    {
        // The other test moves this host's clock forward only; this one learns of the incident on whatever day it is.
        Guid request;
        DateOnly dueOn;
        var title = "Child HS " + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var opening = scope.ServiceProvider.GetRequiredService<ReviewOpening>();
            var calendar = scope.ServiceProvider.GetRequiredService<Parallax.Core.Calendar.PartnershipCalendar>();
            var today = calendar.Today;
            var review = await opening.CreateAsync(app.Data.Partnership.Id, new ReviewInput(ReviewKind.RapidReview, title, "serious injury at home",
                today.AddDays(-1), today, today.AddYears(-1), today.AddDays(-1), TestAudits.NewUin("HS"), "QZ", 0, Sex.Male, LevelOfNeed.ChildInNeed, []), "lead");
            await opening.AddAgencyAsync(review, app.Data.Police.Id);
            await opening.SendRequestsAsync(review, 10);
            request = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ChronologyRequests.Where(r => r.ReviewId == review.Id).Select(r => r.Id).SingleAsync();
            dueOn = RapidReviewClock.SummariesDue(review, await calendar.HolidaysAsync(app.Data.Partnership.Id));
            Assert.True(dueOn > today);
        }

        var police = await HomeAsync(TestPartnership.PoliceAuditor);
        var item = police.QuerySelectorAll("#agency-summaries li").Single(li => li.TextContent.Contains(title));
        Assert.Equal($"/chronologies/{request}/summary", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains($"due {dueOn:d MMMM yyyy}", item.TextContent);
        Assert.Contains("Rapid Review", item.TextContent);
        Assert.Contains("not started", item.TextContent);
        // The school was not asked.
        Assert.DoesNotContain(title, Text(await HomeAsync(TestPartnership.SchoolAuditor), "#agency"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var writing = scope.ServiceProvider.GetRequiredService<ChronologyWriting>();
            var rapid = scope.ServiceProvider.GetRequiredService<RapidReviews>();
            var owed = await writing.AgencyRequestAsync(app.Data.Partnership.Id, app.Data.Police.Id, request);
            await rapid.SaveSummaryAsync(owed, new AgencySummaryInput("Known since 2024.", "None", "None", "None"), null, Caller.AgencyAuditor(app.Data.Partnership.Id, app.Data.Police.Id, TestPartnership.PoliceAuditor));
            await rapid.SubmitSummaryAsync(owed, Caller.AgencyAuditor(app.Data.Partnership.Id, app.Data.Police.Id, TestPartnership.PoliceAuditor));
        }

        // Submitted: no longer owed (the chronology still is).
        var after = await HomeAsync(TestPartnership.PoliceAuditor);
        Assert.DoesNotContain(title, Text(after, "#agency-summaries"));
        Assert.Contains(title, Text(after, "#agency-chronologies"));
    }

    [Fact]
    public async Task TwoFactor_IsOfferedOnlyToThoseWithoutIt()
    {
        var page = await (await app.SignedInBrowserAsync(TestPartnership.Viewer)).GetDocumentAsync("/");
        Assert.NotNull(page.QuerySelector("#offer-two-factor"));
    }
}

public sealed class SqliteHomePageTests(FakeClockAppFactory app) : HomePageTests(app, app.Clock), IClassFixture<FakeClockAppFactory>;

public sealed class PostgresHomePageTests(FakeClockPostgresAppFactory app) : HomePageTests(app, app.Clock), IClassFixture<FakeClockPostgresAppFactory>;
