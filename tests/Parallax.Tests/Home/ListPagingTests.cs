using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parallax.Core.Audits;
using Parallax.Core.Calendar;
using Parallax.Core.Data;
using Parallax.Core.Tools;
using Parallax.Tests.Infrastructure;

namespace Parallax.Tests.Home;

/// <summary>Long lists as the lead uses them: paged, sorted and searched on the server, closed audits behind a filter, without script.</summary>
public abstract class ListPagingTests(ParallaxAppFactory app)
{
    [Fact]
    public async Task Audits_ArePaged_Sorted_Searched_AndClosedOnesFiltered()
    {
        var partnership = app.Data.Partnership.Id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var s = scope.ServiceProvider;
            var tool = await s.GetRequiredService<ToolCatalogue>().ImportAsync(partnership, ToolTemplates.Find("trigger-trio")!.Document);
            var planner = s.GetRequiredService<AuditPlanner>();
            for (var k = 0; k < 31; k++)
                await planner.CreateAsync(partnership, new AuditPlan($"Paging audit {k:00}", "Paging", null, null, tool.Id, 1, null, 6, new DateOnly(2030, 1, 7).AddDays(7 * k), 10, null), BankHolidays.EnglandAndWales);
            // The last one is closed: it leaves the list unless asked for.
            var db = s.GetRequiredService<ParallaxDbContext>();
            var closed = await db.Audits.SingleAsync(a => a.Title == "Paging audit 30");
            closed.Status = AuditStatus.Closed;
            await db.SaveChangesAsync();
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        string[] Titles(AngleSharp.Html.Dom.IHtmlDocument page) => [.. page.QuerySelectorAll("#audits tbody th a").Select(a => a.TextContent.Trim())];

        // Newest first, 25 to a page; the closed audit is left out.
        var first = await lead.GetDocumentAsync("/audits");
        Assert.Equal(25, Titles(first).Length);
        Assert.Equal("Paging audit 29", Titles(first)[0]);
        Assert.Equal("Showing 1 to 25 of 30 audits", first.QuerySelector("#pagination-summary")!.TextContent.Trim());
        var next = first.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!;
        var second = await lead.GetDocumentAsync(next);
        Assert.Equal(["Paging audit 04", "Paging audit 03", "Paging audit 02", "Paging audit 01", "Paging audit 00"], Titles(second));
        Assert.Equal("page", second.QuerySelector(".govuk-pagination__item--current a")!.GetAttribute("aria-current"));

        // Sorted by title, and back the other way from the header's link.
        var byTitle = await lead.GetDocumentAsync(first.QuerySelector("#audits thead th:first-child a")!.GetAttribute("href")!);
        Assert.Equal("ascending", byTitle.QuerySelector("#audits thead th:first-child")!.GetAttribute("aria-sort"));
        Assert.Equal("Paging audit 00", Titles(byTitle)[0]);
        var reversed = await lead.GetDocumentAsync(byTitle.QuerySelector("#audits thead th:first-child a")!.GetAttribute("href")!);
        Assert.Equal("Paging audit 29", Titles(reversed)[0]);

        // Searched; closed audits on request; a page past the end shows the last page.
        Assert.Equal(["Paging audit 07"], Titles(await lead.GetDocumentAsync("/audits?q=audit+07")));
        Assert.Equal(["Paging audit 30"], Titles(await lead.GetDocumentAsync("/audits?q=audit+30&Closed=true")));
        Assert.Contains("No audits match", (await lead.GetDocumentAsync("/audits?q=audit+30")).QuerySelector("#no-audits")!.TextContent);
        Assert.Equal(5, Titles(await lead.GetDocumentAsync("/audits?p=99")).Length);
        Assert.Equal(25, Titles(await lead.GetDocumentAsync("/audits?p=-3")).Length);
    }

    [Fact]
    public async Task Agencies_AreSearchedByNameOrCode()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var page = await browser.GetDocumentAsync("/agencies?q=tpol");
        Assert.Equal(["Testshire Police"], page.QuerySelectorAll("#agencies tbody th").Select(th => th.TextContent.Trim()));
        Assert.Equal("Showing 1 to 1 of 1 agencies", page.QuerySelector("#pagination-summary")!.TextContent.Trim());
    }
}

public sealed class SqliteListPagingTests(SqliteAppFactory app) : ListPagingTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresListPagingTests(PostgresAppFactory app) : ListPagingTests(app), IClassFixture<PostgresAppFactory>;
