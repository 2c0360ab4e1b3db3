namespace Parallax.Tests.Returns;

/// <summary>Decision 0061: My returns is counted and cut in the database; a closed audit's returns are shown only when asked for.</summary>
public abstract class MyReturnsPagingTests(ParallaxAppFactory app)
{
    [Fact]
    public async Task AClosedAuditsReturns_AreLeftOut_UntilTheAuditorAsksForThem()
    {
        var openUin = TestAudits.NewUin("MO");
        var closedUin = TestAudits.NewUin("MC");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "My returns open audit", openUin, app.Data.Police.Id);
            var (closed, _, _) = await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "My returns closed audit", closedUin, app.Data.Police.Id);
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var audit = await db.Audits.SingleAsync(a => a.Id == closed.Id);
            audit.Status = AuditStatus.Closed;
            await db.SaveChangesAsync();
        }

        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var page = await police.GetDocumentAsync("/returns");
        var list = page.QuerySelector("#my-returns")!.TextContent;
        Assert.Contains(openUin, list);
        Assert.DoesNotContain(closedUin, list);
        var include = page.QuerySelector("#closed-audits a")!;
        Assert.StartsWith("Include the returns of closed audits (", include.TextContent.Trim());

        var all = await police.GetDocumentAsync(include.GetAttribute("href")!);
        Assert.Contains(closedUin, all.QuerySelector("#my-returns")!.TextContent);
        Assert.Contains(openUin, all.QuerySelector("#my-returns")!.TextContent);
        // The choice is kept by the other tab's link, and the summary counts what is shown.
        Assert.Contains("closed=true", all.QuerySelector("#return-filters a")!.GetAttribute("href")!);
        Assert.Equal("Leave out the returns of closed audits", all.QuerySelector("#closed-audits a")!.TextContent.Trim());
    }

    /// <summary>The auditor finds a return by its case's UIN or its audit's title from the search box (a GET form), then pages on with the search kept.</summary>
    [Fact]
    public async Task Returns_AreSearchedByUinOrAudit_AndPagedWithTheSearchKept()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var uins = new List<string>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            for (var i = 0; i < 26; i++)
            {
                var uin = TestAudits.NewUin("MS");
                uins.Add(uin);
                await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, $"Searched returns {tag} {i:00}", uin, app.Data.Police.Id);
            }
        }

        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var form = (await police.GetDocumentAsync("/returns")).QuerySelector("form[method=get]")!;
        Assert.Equal("Search returns", form.QuerySelector("label[for=q]")!.TextContent.Trim());

        var one = await police.GetDocumentAsync($"/returns?q={Uri.EscapeDataString(uins[7].ToLowerInvariant())}");
        Assert.Equal("Showing 1 to 1 of 1 returns", one.QuerySelector("#pagination-summary")!.TextContent.Trim());
        Assert.Contains(uins[7], one.QuerySelector("#my-returns")!.TextContent);

        var byAudit = await police.GetDocumentAsync($"/returns?q={Uri.EscapeDataString("searched returns " + tag)}");
        Assert.Equal("Showing 1 to 25 of 26 returns", byAudit.QuerySelector("#pagination-summary")!.TextContent.Trim());
        var next = byAudit.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!;
        Assert.Contains("q=", next);
        var second = await police.GetDocumentAsync(next);
        Assert.Equal("Showing 26 to 26 of 26 returns", second.QuerySelector("#pagination-summary")!.TextContent.Trim());
        Assert.Equal("No returns match your search.", (await police.GetDocumentAsync("/returns?q=nothing-like-this")).QuerySelector("#none-shown")!.TextContent.Trim());
    }
}

public sealed class SqliteMyReturnsPagingTests(SqliteAppFactory app) : MyReturnsPagingTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresMyReturnsPagingTests(PostgresAppFactory app) : MyReturnsPagingTests(app), IClassFixture<PostgresAppFactory>;
