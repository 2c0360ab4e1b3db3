namespace Parallax.Tests.Web;

/// <summary>Each test owns its host: it destroys the database under it.</summary>
public class HealthTests
{
    [Theory]
    [BothProviders]
    public async Task Get_Health_Is200WithTheDatabaseAnd503WhenItIsGone(DatabaseProvider provider)
    {
        await using var app = provider == DatabaseProvider.Sqlite ? (ParallaxAppFactory)new SqliteAppFactory() : new PostgresAppFactory();
        await ((IAsyncLifetime)app).InitializeAsync();
        var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/health")).StatusCode);

        await app.Database.DestroyAsync();

        var response = await browser.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [BothProviders]
    public async Task DatabaseOutOfReach_SignedInPagesSayTheServiceIsUnavailable_AndTheErrorAndAccessibilityPagesStillWork(DatabaseProvider provider)
    {
        await using var app = provider == DatabaseProvider.Sqlite ? (ParallaxAppFactory)new SqliteAppFactory() : new PostgresAppFactory();
        await ((IAsyncLifetime)app).InitializeAsync();
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var anonymous = app.CreateBrowser();

        await app.Database.DestroyAsync();

        var page = await admin.GetAsync("/audits");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        var document = await page.ReadDocumentAsync();
        Assert.Equal("Sorry, the service is unavailable", document.QuerySelector("h1")!.TextContent);
        Assert.Contains("cannot reach its database", document.QuerySelector("main")!.TextContent);

        var error = await admin.GetAsync("/error/500");
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("Sorry, there is a problem with the service", (await error.ReadDocumentAsync()).QuerySelector("h1")!.TextContent);

        foreach (var browser in new[] { admin, anonymous })
        {
            var statement = await browser.GetAsync("/accessibility");
            Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
            Assert.Contains("WCAG", (await statement.ReadDocumentAsync()).QuerySelector("main")!.TextContent);
        }
    }
}
