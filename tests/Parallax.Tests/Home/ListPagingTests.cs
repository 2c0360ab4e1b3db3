using AngleSharp.Html.Dom;

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

    /// <summary>The administrator finds people as a person would: types in the search box, sorts by name from the header, then opens page 2.</summary>
    [Fact]
    public async Task Users_SearchedThenSortedThenPaged_InTheDatabase()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            // Addresses in one order, names in the other: the sort by name must reverse the default order by address.
            for (var i = 0; i < 30; i++)
                await users.AddAsync(app.Data.Partnership.Id, $"listed{tag}{i:00}@testshire.example", [Roles.Viewer], null, TestPartnership.Password, $"Listed person {29 - i:00}");
        }

        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        string[] Emails(IHtmlDocument page) => [.. page.QuerySelectorAll("table tbody th a").Select(a => a.TextContent.Trim())];

        var found = await SearchAsync(admin, await admin.GetDocumentAsync("/admin/users"), "Search", "listed" + tag);
        Assert.Equal(25, Emails(found).Length);
        Assert.Equal($"listed{tag}00@testshire.example", Emails(found)[0]);
        Assert.Equal("Showing 1 to 25 of 30 users", found.QuerySelector("#pagination-summary")!.TextContent.Trim());

        var byName = await admin.GetDocumentAsync(Header(found, "Name").QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal("ascending", Header(byName, "Name").GetAttribute("aria-sort"));
        Assert.Equal("none", Header(byName, "User").GetAttribute("aria-sort"));
        Assert.Equal($"listed{tag}29@testshire.example", Emails(byName)[0]);

        var second = await admin.GetDocumentAsync(byName.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!);
        Assert.Equal([.. Enumerable.Range(0, 5).Select(i => $"listed{tag}{4 - i:00}@testshire.example")], Emails(second));
        Assert.Equal("ascending", Header(second, "Name").GetAttribute("aria-sort"));
        Assert.Equal("Showing 26 to 30 of 30 users", second.QuerySelector("#pagination-summary")!.TextContent.Trim());
    }

    /// <summary>The lead searches the action plan, sorts by action from the header and opens page 2; the RAG summary counts every action, not a page.</summary>
    [Fact]
    public async Task Actions_SearchedThenSortedThenPaged_InTheDatabase()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var s = scope.ServiceProvider;
            var partnership = app.Data.Partnership.Id;
            var sent = await TestAudits.SentAsync(s, partnership, "Listed actions audit " + tag, TestAudits.NewUin("LA"), app.Data.Police.Id);
            var findings = s.GetRequiredService<AuditFindings>();
            var theme = (await findings.ThemesAsync(partnership)).First();
            var finding = await findings.AddAsync(partnership, sent.Audit.Id, new FindingInput(FindingKind.AreaForImprovement, FindingScope.SingleAgency, app.Data.Police.Id, theme.Id, "Plans were not shared", [sent.Case.Id]));
            var plans = s.GetRequiredService<ActionPlans>();
            var recommendation = await plans.AddRecommendationAsync(partnership, sent.Audit.Id,
                new RecommendationInput("Testshire Police to share plans.", Addressee.Agency, null, app.Data.Police.Id, Priority.High, [finding.Id]), "lead");
            // Due dates in the other order from the names: sorting by action must reverse the default (most urgent, soonest due) order.
            for (var i = 0; i < 30; i++)
                await plans.AddActionAsync(partnership, recommendation.Id, new ActionInput(app.Data.Police.Id, null, $"Action {tag} {i:00}", "Measured", new DateOnly(2040, 1, 1).AddDays(-i)));
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        string[] Whats(IHtmlDocument page) => [.. page.QuerySelectorAll("#actions tbody td:first-child a").Select(a => a.TextContent.Trim())];

        var found = await SearchAsync(lead, await lead.GetDocumentAsync("/actions"), "q", $"action {tag}");
        Assert.Equal(25, Whats(found).Length);
        Assert.Equal($"Action {tag} 29", Whats(found)[0]);
        Assert.Equal("Showing 1 to 25 of 30 actions", found.QuerySelector("#pagination-summary")!.TextContent.Trim());

        var byAction = await lead.GetDocumentAsync(Header(found, "Action").QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal("ascending", Header(byAction, "Action").GetAttribute("aria-sort"));
        Assert.Equal($"Action {tag} 00", Whats(byAction)[0]);

        var second = await lead.GetDocumentAsync(byAction.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!);
        Assert.Equal([.. Enumerable.Range(25, 5).Select(i => $"Action {tag} {i:00}")], Whats(second));
        Assert.Equal("ascending", Header(second, "Action").GetAttribute("aria-sort"));
        // The summary counts all the partnership's actions, at least the 30 not started.
        Assert.True(int.Parse(second.QuerySelector("#rag tbody td:nth-child(2)")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 30);
    }

    /// <summary>The administrator searches the agencies, sorts by code from the header (twice: the other way) and opens page 2.</summary>
    [Fact]
    public async Task AdminAgencies_SearchedThenSortedThenPaged_InTheDatabase()
    {
        var tag = Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            for (var i = 0; i < 30; i++)
                db.Agencies.Add(new Agency { PartnershipId = app.Data.Partnership.Id, Code = $"L{tag}{i:00}", Name = $"Listed agency {tag} {29 - i:00}", Type = AgencyType.Other });
            await db.SaveChangesAsync();
        }

        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        string[] Codes(IHtmlDocument page) => [.. page.QuerySelectorAll("table tbody td:first-child").Select(td => td.TextContent.Trim())];

        var found = await SearchAsync(admin, await admin.GetDocumentAsync("/admin/agencies"), "q", "listed agency " + tag);
        Assert.Equal(25, Codes(found).Length);
        Assert.Equal($"L{tag}29", Codes(found)[0]);

        var byCode = await admin.GetDocumentAsync(Header(found, "Code").QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal("ascending", Header(byCode, "Code").GetAttribute("aria-sort"));
        var descending = await admin.GetDocumentAsync(Header(byCode, "Code").QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal("descending", Header(descending, "Code").GetAttribute("aria-sort"));
        Assert.Equal($"L{tag}29", Codes(descending)[0]);

        var second = await admin.GetDocumentAsync(descending.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!);
        Assert.Equal([.. Enumerable.Range(0, 5).Select(i => $"L{tag}{4 - i:00}")], Codes(second));
    }

    /// <summary>A column header by its label (the visually hidden sort words aside).</summary>
    private static AngleSharp.Dom.IElement Header(IHtmlDocument page, string label) =>
        page.QuerySelectorAll("thead th").Single(th => (th.QuerySelector("a")?.ChildNodes.FirstOrDefault()?.TextContent ?? th.TextContent).Trim() == label);

    /// <summary>Fills the search box of the page's GET form and submits it as a browser would: every named field of the form goes in the query.</summary>
    private static async Task<IHtmlDocument> SearchAsync(HttpClient browser, IHtmlDocument page, string boxId, string text)
    {
        var box = page.GetElementById(boxId)!;
        var form = box.Closest("form")!;
        Assert.Equal("get", form.GetAttribute("method"));
        var fields = form.QuerySelectorAll("input[name], select[name]")
            .Select(f => (Name: f.GetAttribute("name")!, Value: f == box ? text : f is IHtmlSelectElement select ? select.Value ?? "" : f.GetAttribute("value") ?? ""));
        var action = form.GetAttribute("action");
        Assert.StartsWith("/", action);
        return await browser.GetDocumentAsync(action + "?" + string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}")));
    }
}

public sealed class SqliteListPagingTests(SqliteAppFactory app) : ListPagingTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresListPagingTests(PostgresAppFactory app) : ListPagingTests(app), IClassFixture<PostgresAppFactory>;
