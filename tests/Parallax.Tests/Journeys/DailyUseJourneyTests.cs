namespace Parallax.Tests.Journeys;

/// <summary>
/// Each role's home page and main pages in a real browser, at 1280 and at 375 pixels wide: axe finds nothing, and
/// at 375 no page is wider than the screen (a wide table scrolls inside its own region). The lead follows the home
/// page to an audit and its task list.
/// </summary>
public sealed class DailyUseJourneyTests : BrowserJourney
{
    protected override string Name => "daily";

    private async Task AtBothWidthsAsync(IPage page, string path, string name)
    {
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(path);
        await CheckAsync(page, name + "-1280");
        await page.SetViewportSizeAsync(375, 800);
        await page.GotoAsync(path);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        await CheckAsync(page, name + "-375");
        // Name the outermost elements that reach past the screen, so a failure says where to look.
        var wide = width <= 375 ? "" : await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > 376 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > 376))
                .slice(0, 5).map(e => { const chain = []; for (let a = e; a && a !== document.body; a = a.parentElement) chain.push(`${a.tagName.toLowerCase()}.${[...a.classList].join('.')} ${Math.round(a.getBoundingClientRect().right)} ${getComputedStyle(a).overflowX} ${getComputedStyle(a).display}`); return chain.join(' < '); }).join(', ')
            """);
        Assert.True(width <= 375, $"{path} is {width} px wide at 375 px: {wide}");
    }

    [Fact]
    public async Task EachRole_HomeAndMainPages_FitA375PxScreen_AndTheLeadReachesTheTaskList()
    {
        Guid audit;
        await using (var services = CommandServices())
        await using (var scope = services.CreateAsyncScope())
        {
            audit = await TestAudits.FiguresAuditAsync(scope.ServiceProvider, Data, "Daily use audit");
            var reports = scope.ServiceProvider.GetRequiredService<AuditReports>();
            await reports.GenerateAsync(Data.Partnership.Id, audit, "lead");
            await reports.FinaliseAsync(Data.Partnership.Id, audit, 1, confirmIdentifiers: true, "lead");
        }

        var lead = await SignInAsync(TestPartnership.Lead);
        await AtBothWidthsAsync(lead, "/", "lead-home");
        // From the home page's "Audits" to the audit's task list, by links (its returns are due in 2030: nothing is due this week).
        await lead.SetViewportSizeAsync(1280, 900);
        await lead.GotoAsync("/");
        await lead.ClickAsync("#places a:has-text('Audits')");
        await lead.ClickAsync("#audits a:has-text('Daily use audit')");
        await Assertions.Expect(lead.Locator("#task-send-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(lead.Locator("#task-collect-status")).ToHaveTextAsync("In progress");
        await Assertions.Expect(lead.Locator("#task-report-status")).ToHaveTextAsync("Completed");
        foreach (var (path, name) in new[] { ($"/audits/{audit}", "lead-audit"), ($"/audits/{audit}/returns", "lead-returns"), ("/audits", "lead-audits"), ("/actions", "lead-actions"), ("/dashboard", "lead-dashboard"), ("/reviews", "lead-reviews") })
            await AtBothWidthsAsync(lead, path, name);

        var police = await SignInAsync(TestPartnership.PoliceAuditor);
        foreach (var (path, name) in new[] { ("/", "police-home"), ("/returns", "police-returns"), ("/returns?Show=done", "police-returns-done"), ("/my-actions", "police-actions"), ("/chronologies", "police-chronologies"), ("/agencies", "police-agencies") })
            await AtBothWidthsAsync(police, path, name);

        var panel = await SignInAsync(TestPartnership.Panel);
        foreach (var (path, name) in new[] { ("/", "panel-home"), ("/panel", "panel-panel") })
            await AtBothWidthsAsync(panel, path, name);

        var viewer = await SignInAsync(TestPartnership.Viewer);
        foreach (var (path, name) in new[] { ("/", "viewer-home"), ("/dashboard", "viewer-dashboard"), ("/reports", "viewer-reports"), ($"/reports/{audit}", "viewer-report") })
            await AtBothWidthsAsync(viewer, path, name);
        // The viewer reads the final report from the home page.
        await viewer.SetViewportSizeAsync(1280, 900);
        await viewer.GotoAsync("/");
        await viewer.ClickAsync("#viewer-reports a:has-text('Daily use audit')");
        await Assertions.Expect(viewer.Locator("#report")).ToBeVisibleAsync();

        var admin = await SignInAsync(TestPartnership.Admin);
        foreach (var (path, name) in new[] { ("/", "admin-home"), ("/admin/users", "admin-users"), ("/admin/agencies", "admin-agencies"), ("/admin/audit-trail", "admin-trail") })
            await AtBothWidthsAsync(admin, path, name);
    }
}
