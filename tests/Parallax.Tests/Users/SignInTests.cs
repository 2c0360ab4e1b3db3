using Parallax.Features.Account;

namespace Parallax.Tests.Users;

public abstract class SignInTests(ParallaxAppFactory app)
{
    [Fact]
    public async Task WithoutIdentityProviderSettings_OnlyThePasswordIsOffered_AndTheProviderRouteIsClosed()
    {
        var browser = app.CreateBrowser();
        var page = await browser.GetDocumentAsync("/sign-in");

        Assert.Null(page.QuerySelector("form[action*='handler=External']"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SubmitFormAsync("/sign-in?handler=External", [], formUrl: "/sign-in")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/sign-in?handler=External")).StatusCode);
    }

    [Fact]
    public async Task Post_CorrectPassword_SignsInAndShowsTheRolesHome()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var home = await browser.GetDocumentAsync("/");

        Assert.Equal("Home", home.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Audits that need you", home.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));
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

/// <summary>Sign-ins, failures and refused pages are recorded (and so chained in the audit trail), never with the password.</summary>
public abstract class SecurityEventTests(ParallaxAppFactory app)
{
    [Fact]
    public async Task SignInAttemptsAndRefusedPages_AreRecorded_WithoutThePassword()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var stranger = app.CreateBrowser();
        await stranger.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = TestPartnership.Viewer, ["Input.Password"] = "not-the-password-0451" });
        var viewer = await app.SignedInBrowserAsync(TestPartnership.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/reviews?x=1")).StatusCode);
        await viewer.SubmitFormAsync("/sign-out", [], formUrl: "/");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Parallax.Core.Data.ParallaxDbContext>();
        var events = (await db.SecurityEvents.AsNoTracking().Where(e => e.Email == TestPartnership.Viewer || e.UserId != null).ToListAsync())
            .Where(e => e.OccurredAt >= since).OrderBy(e => e.OccurredAt).ToList();
        var viewerId = await db.Users.Where(u => u.Email == TestPartnership.Viewer).Select(u => u.Id).SingleAsync();
        var mine = events.Where(e => e.Email == TestPartnership.Viewer || e.UserId == viewerId).Select(e => e.Kind).ToList();

        Assert.Equal([SecurityEventKind.SignInFailed, SecurityEventKind.SignedIn, SecurityEventKind.AccessDenied, SecurityEventKind.SignedOut], mine);
        var denied = events.Single(e => e.Kind == SecurityEventKind.AccessDenied && e.UserId == viewerId);
        Assert.Equal("/reviews?x=1", denied.Path);
        Assert.Equal(app.Data.Partnership.Id, denied.PartnershipId);
        // In the audit trail too, and nowhere the password.
        Assert.Contains(await db.AuditEvents.Where(e => e.Entity == nameof(SecurityEvent)).FieldsAsync(), e => e.Field == nameof(SecurityEvent.Kind) && e.NewValue == "AccessDenied");
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Changes.Contains("not-the-password-0451")));
    }

    [Fact]
    public async Task AnotherPartnershipsRecord_AnswersNotFound_AndTheAttemptIsRecorded()
    {
        Guid audit;
        await using (var scope = app.Services.CreateAsyncScope())
            audit = (await TestAudits.CreateAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Refusal audit")).Id;
        var outsider = await app.SignedInBrowserAsync(TestPartnership.OtherLead);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/audits/{audit}/returns")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/no-such-page")).StatusCode);

        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<Parallax.Core.Data.ParallaxDbContext>();
        var outsiderId = await db.Users.Where(u => u.Email == TestPartnership.OtherLead).Select(u => u.Id).SingleAsync();
        var refused = await db.SecurityEvents.AsNoTracking().Where(e => e.UserId == outsiderId && e.Kind == SecurityEventKind.RecordRefused).ToListAsync();
        // The record asked for, once (not again for the error page shown); a mistyped address is not an attempt on a record.
        Assert.Equal([$"/audits/{audit}/returns"], refused.Select(e => e.Path));
        Assert.NotEqual(app.Data.Partnership.Id, refused.Single().PartnershipId);
    }
}

public sealed class SqliteSecurityEventTests(SqliteAppFactory app) : SecurityEventTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresSecurityEventTests(PostgresAppFactory app) : SecurityEventTests(app), IClassFixture<PostgresAppFactory>;
