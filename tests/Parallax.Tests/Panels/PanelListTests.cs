namespace Parallax.Tests.Panels;

/// <summary>
/// Decision 0060: /panel lists the open audits with counts from the database, then one audit's
/// cases a page at a time with its returns in; the compiled returns are linked only where its reader may open it.
/// </summary>
public abstract class PanelListTests(ParallaxAppFactory app)
{
    [Fact]
    public async Task ThePanel_CountsEachAuditsCasesAndReturns_AndLinksOnlyWhatItsReaderMayRead()
    {
        Guid audit;
        await using (var scope = app.Services.CreateAsyncScope())
            audit = await TestAudits.FiguresAuditAsync(scope.ServiceProvider, app.Data, "Panel list audit");

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var list = await lead.GetDocumentAsync("/panel");
        var row = list.QuerySelector($"#audit-{audit}")!;
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("5", cells[2]);
        Assert.Equal("4", cells[3]);
        Assert.Equal("Ready to read", cells[4]);

        var href = row.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal($"/panel?audit={audit}", href);
        var cases = await lead.GetDocumentAsync(href);
        Assert.Contains("8 returns in for 4 cases of 5", cases.QuerySelector("#panel-audit-summary")!.TextContent);
        var caseRows = cases.QuerySelectorAll("#panel-cases tbody tr");
        Assert.Equal(5, caseRows.Length);
        Assert.Equal(["2 of 2", "2 of 2", "2 of 2", "2 of 2", "0 of 1"], caseRows.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        var compiled = caseRows[0].QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync(compiled)).StatusCode);

        // A panel member before the returns deadline (in 2030) sees the counts but no link to a case.
        var panel = await app.SignedInBrowserAsync(TestPartnership.Panel);
        var early = await panel.GetDocumentAsync(href);
        Assert.NotNull(early.QuerySelector("#panel-not-yet"));
        Assert.Empty(early.QuerySelectorAll("#panel-cases a"));
        Assert.StartsWith("Readable after", (await panel.GetDocumentAsync("/panel")).QuerySelector($"#audit-{audit} td:last-child")!.TextContent.Trim());

        // Another partnership's lead cannot open this audit's cases through the list.
        var other = await app.SignedInBrowserAsync(TestPartnership.OtherLead);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(href)).StatusCode);
        Assert.Null((await other.GetDocumentAsync("/panel")).QuerySelector($"#audit-{audit}"));
    }
}

public sealed class SqlitePanelListTests(SqliteAppFactory app) : PanelListTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPanelListTests(PostgresAppFactory app) : PanelListTests(app), IClassFixture<PostgresAppFactory>;
