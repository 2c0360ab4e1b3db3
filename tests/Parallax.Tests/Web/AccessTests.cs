using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Parallax.Tests.Web;

public abstract class AccessTests(ParallaxAppFactory app)
{
    /// <summary>Pages anyone may open. Anything else must send an anonymous visitor to sign in.</summary>
    private static readonly HashSet<string> OpenOnPurpose = ["/sign-in", "/sign-in/code", "/error/{code:int?}", "/health", "/accessibility", "/set-up/{token}", "/account/invitation/{token}", "/account/forgotten-password", "/account/reset-password/{token}", "/sign-in/recovery-code"];

    [Fact]
    public async Task Get_EveryPageAnonymously_RedirectsToSignIn()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Distinct()
            .Where(route => !OpenOnPurpose.Contains(route))
            .ToList();
        Assert.True(routes.Count >= 7, $"Expected the application's pages, found {routes.Count}.");
        var browser = app.CreateBrowser();

        foreach (var route in routes)
        {
            var url = SampleUrl(route);
            var response = await browser.GetAsync(url);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode} to an anonymous visitor.");
            Assert.StartsWith("http://localhost/sign-in?ReturnUrl=", response.Headers.Location?.ToString());
        }
    }

    /// <summary>Fills route parameters with values their constraints accept, so the request reaches the page.</summary>
    private static string SampleUrl(string route) => System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)(:(\w+))?\??\}", m => m.Groups[3].Value switch
    {
        "guid" => Guid.CreateVersion7().ToString(),
        "int" => "1",
        _ => "new",
    });

    [Fact]
    public async Task Get_OpenPages_AreReachableWithoutSigningIn()
    {
        var browser = app.CreateBrowser();

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/sign-in")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/health")).StatusCode);
        var statement = await browser.GetAsync("/accessibility");
        Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
        Assert.Contains("WCAG) 2.2 at level AA", await statement.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/css/parallax.css")).StatusCode);
    }

    [Theory]
    [InlineData(TestPartnership.Lead)]
    [InlineData(TestPartnership.PoliceAuditor)]
    [InlineData(TestPartnership.Panel)]
    [InlineData(TestPartnership.Viewer)]
    public async Task Get_AdminPages_AsNonAdministrator_IsForbidden(string email)
    {
        var browser = await app.SignedInBrowserAsync(email);

        foreach (var url in new[] { "/admin/users", "/admin/audit-trail", "/admin/settings" })
        {
            var response = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("You do not have permission to see this page", (await response.ReadDocumentAsync()).QuerySelector("h1")?.TextContent.Trim());
        }
    }

    [Fact]
    public async Task Get_AdminPages_AsAdministrator_Shows()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);

        var users = await browser.GetDocumentAsync("/admin/users");

        Assert.Contains(TestPartnership.PoliceAuditor, users.QuerySelector("table")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/settings")).StatusCode);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejectedAndChangesNothing()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Admin);

        var response = await browser.PostAsync("/admin/settings", new FormUrlEncodedContent(new Dictionary<string, string> { ["RequireTwoFactor"] = "true" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var settings = await browser.GetDocumentAsync("/admin/settings");
        Assert.False(settings.QuerySelector("#RequireTwoFactor")?.HasAttribute("checked"));
    }

    [Fact]
    public async Task Get_UnknownPage_ShowsFriendlyNotFoundWithoutDetail()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Viewer);

        var response = await browser.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/admin/settings", HttpStatusCode.Forbidden)]
    public async Task Get_APageOrAnErrorPage_ItsInlineScriptCarriesTheNonceOfItsPolicy(string path, HttpStatusCode status)
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Viewer);

        var response = await browser.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var policyNonce = Regex.Match(response.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
        var scriptNonces = (await response.ReadDocumentAsync()).QuerySelectorAll("script:not([src])").Select(s => s.GetAttribute("nonce")).ToList();
        Assert.NotEmpty(scriptNonces);
        Assert.All(scriptNonces, n => Assert.Equal(policyNonce, n));
    }

    [Fact]
    public async Task Get_AnyPage_SendsSecurityHeadersAndNoStore()
    {
        var response = await app.CreateBrowser().GetAsync("/sign-in");

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Get_Agencies_ShowsOnlyTheUsersPartnership()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);

        var page = await browser.GetDocumentAsync("/agencies");

        var names = page.QuerySelectorAll("tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["Testshire Police", "Testshire Schools"], names);
    }
}

public sealed class AccessTestsSqlite(SqliteAppFactory app) : AccessTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AccessTestsPostgres(PostgresAppFactory app) : AccessTests(app), IClassFixture<PostgresAppFactory>;
