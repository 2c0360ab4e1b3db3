namespace Parallax.Tests.Agencies;

/// <summary>"Start from the standard list": a new partnership picks its agencies from the glossary's types.</summary>
public abstract class StandardListTests(ParallaxAppFactory app)
{
    private const string Page = "/admin/agencies/standard";

    [Fact]
    public async Task ANewPartnership_TicksTypesFromTheStandardList_FixesAClash_AndGetsThemAll()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var admin = $"admin.{tag}@standardshire.example";
        Guid partnership;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            partnership = (await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().AddAsync("Standardshire SCP " + tag)).Id;
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(partnership, admin, [Roles.Administrator], null, TestPartnership.Password);
        }

        var browser = await app.SignedInBrowserAsync(admin);
        var index = await browser.GetDocumentAsync("/admin/agencies");
        Assert.NotNull(index.QuerySelector($"main a[href='{Page}']"));

        var page = await browser.GetDocumentAsync(Page);
        var boxes = page.QuerySelectorAll("input[type=checkbox][name$='.Add']");
        Assert.Equal(StandardAgencies.List.Count, boxes.Length);
        Assert.All(boxes, b => Assert.True(b.HasAttribute("checked")));

        // Keep children's social care, police and health visiting; give police the same code as children's social care.
        var form = BrowserForm.Read(page, Page, "button[type=submit]");
        var keep = new[] { AgencyType.ChildrensSocialCare, AgencyType.Police, AgencyType.HealthVisiting };
        for (var i = 0; i < StandardAgencies.List.Count; i++)
        {
            if (!keep.Contains(StandardAgencies.List[i].Type)) form.Untick($"Rows[{i}].Add", "true");
        }

        var police = StandardAgencies.List.ToList().FindIndex(e => e.Type == AgencyType.Police);
        form.Set($"Rows[{police}].Code", "CSC").Set($"Rows[{police}].Name", "Testshire Constabulary");
        var refused = await form.PostAsync(browser);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await refused.ReadDocumentAsync();
        var summary = refusedPage.QuerySelector(".govuk-error-summary")!;
        Assert.Contains("Police: Code CSC is also given for Children's social care", summary.TextContent);
        Assert.Equal($"#Rows_{police}__Code", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(refusedPage.QuerySelector($"#Rows_{police}__Code"));
        Assert.Equal("Testshire Constabulary", refusedPage.QuerySelector($"#Rows_{police}__Name")!.GetAttribute("value"));
        Assert.False(await WithDbAsync(db => db.Agencies.AnyAsync(a => a.PartnershipId == partnership)));

        var added = await BrowserForm.Read(refusedPage, Page, "button[type=submit]").Set($"Rows[{police}].Code", "POL").PostAsync(browser);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var agencies = await WithDbAsync(db => db.Agencies.Where(a => a.PartnershipId == partnership).OrderBy(a => a.Code).ToListAsync());
        Assert.Equal(["CSC", "HV", "POL"], agencies.Select(a => a.Code));
        Assert.Equal(("Testshire Constabulary", AgencyType.Police, true), (agencies[2].Name, agencies[2].Type, agencies[2].WorksWithAdults));
        Assert.False(agencies[0].WorksWithAdults);

        // Back on the list, the types it has are no longer ticked.
        var again = await browser.GetDocumentAsync(Page);
        Assert.False(again.QuerySelector($"#Rows_{police}__Add")!.HasAttribute("checked"));
        Assert.Contains("you already have one", again.QuerySelector($"#Rows_{police}__Add")!.Closest("tr")!.TextContent);

        // Nothing ticked: a sentence, nothing added.
        var none = BrowserForm.Read(again, Page, "button[type=submit]");
        for (var i = 0; i < StandardAgencies.List.Count; i++) none.Untick($"Rows[{i}].Add", "true");
        var nothing = await (await none.PostAsync(browser)).ReadDocumentAsync();
        Assert.Contains("Select at least one agency to add", nothing.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(3, await WithDbAsync(db => db.Agencies.CountAsync(a => a.PartnershipId == partnership)));
    }

    private async Task<T> WithDbAsync<T>(Func<ParallaxDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ParallaxDbContext>());
    }
}

public sealed class SqliteStandardListTests(SqliteAppFactory app) : StandardListTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresStandardListTests(PostgresAppFactory app) : StandardListTests(app), IClassFixture<PostgresAppFactory>;
