using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Parallax.Core.Users;
using Parallax.Pages.Account;
using Parallax.Tests.Infrastructure;

namespace Parallax.Tests.Web;

public abstract class SignInTests(ParallaxAppFactory app)
{
    [Fact]
    public async Task Post_CorrectPassword_SignsInAndShowsTheRolesHome()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var home = await browser.GetDocumentAsync("/");

        Assert.Equal("What you can do in Parallax", home.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Audit lead", home.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));
        Assert.Contains("Testshire Safeguarding Children Partnership", home.QuerySelector(".govuk-caption-l")?.TextContent);
    }

    [Fact]
    public async Task Post_WrongPassword_ShowsErrorSummaryLinkedToTheField()
    {
        var browser = app.CreateBrowser();

        var response = await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = TestPartnership.Viewer, ["Input.Password"] = "not-the-password-at-all" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var link = page.QuerySelector(".govuk-error-summary a");
        Assert.Equal(SignInModel.WrongCredentials, link?.TextContent.Trim());
        Assert.Equal("#Input_Email", link?.GetAttribute("href"));
        Assert.StartsWith("Error: ", page.Title);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Post_EmptyForm_NamesEachMissingField()
    {
        var browser = app.CreateBrowser();

        var response = await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = "", ["Input.Password"] = "" });

        var errors = (await response.ReadDocumentAsync()).QuerySelectorAll(".govuk-error-summary a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Enter your e-mail address", "Enter your password"], errors.Order());
    }

    [Fact]
    public async Task Post_RepeatedWrongPasswords_LocksTheAccountEvenForTheRightPassword()
    {
        const string email = "lockout@testshire.example";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                .AddAsync(app.Data.Partnership.Id, email, [Roles.Viewer], null, TestPartnership.Password);
        }

        var browser = app.CreateBrowser();
        for (var attempt = 0; attempt < IdentitySetup.MaxFailedSignIns; attempt++)
            await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = $"wrong-password-{attempt}" });

        var response = await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = TestPartnership.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent;
        Assert.Contains("Your account is locked", summary);
    }

    [Fact]
    public async Task SignIn_OverHttps_SetsAHostPrefixedSecureHttpOnlyLaxCookie_ThatKeepsTheSession()
    {
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

        var signIn = await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = TestPartnership.Panel, ["Input.Password"] = TestPartnership.Password });

        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.Contains("parallax-session", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.StartsWith("__host-parallax-session=", session);
        Assert.Contains("; secure", session);
        Assert.Contains("; httponly", session);
        Assert.Contains("; samesite=lax", session);
        Assert.Contains("; path=/", session);
        Assert.DoesNotContain("domain=", session);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        Assert.Contains("max-age=", (await browser.GetAsync("/")).Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Post_SignOut_EndsTheSession()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Panel);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        var signOut = await browser.SubmitFormAsync("/sign-out", [], formUrl: "/");

        Assert.Equal("/sign-in", signOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }
}

public sealed class SignInTestsSqlite(SqliteAppFactory app) : SignInTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SignInTestsPostgres(PostgresAppFactory app) : SignInTests(app), IClassFixture<PostgresAppFactory>;
