namespace Parallax.Tests.Journeys;

/// <summary>
/// The administrator filters the audit trail by one audit in a real browser (no script needed: a GET form), reads
/// its events with answers by their question, checked with axe-core and screenshotted into TestResults/journeys.
/// </summary>
public sealed class AuditTrailJourneyTests : BrowserJourney
{
    protected override string Name => "audit-trail";

    [Fact]
    public async Task Administrator_FiltersTheTrailByAudit_InARealBrowser()
    {
        await using (var services = CommandServices())
        await using (var scope = services.CreateAsyncScope())
            await TestAudits.FiguresAuditAsync(scope.ServiceProvider, Data, "Neglect in under-fives");

        var admin = await SignInAsync(TestPartnership.Admin);
        await admin.GotoAsync("/admin/audit-trail");
        await admin.SelectOptionAsync("#AuditId", new SelectOptionValue { Label = "Neglect in under-fives" });
        await admin.SelectOptionAsync("#Days", "0");
        await admin.ClickAsync("main button[type=submit]");
        await admin.WaitForSelectorAsync("table.parallax-audit-table");
        Assert.Contains("AuditId=", admin.Url);
        Assert.Contains("TT1 ", await admin.TextContentAsync("table.parallax-audit-table"));
        await CheckAsync(admin, "filtered-by-audit");
    }
}
