using OtpNet;

namespace Parallax.Tests.Users;

public abstract class TwoFactorTests(ParallaxAppFactory app)
{
    [Fact]
    public async Task MandatoryTwoFactor_UserWithoutApp_MustSetUpThenNeedsACodeAtEverySignIn()
    {
        const string email = "twofactor@testshire.example";
        await AddPersonAsync(email, Roles.AuditLead);

        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var saved = await admin.SubmitFormAsync("/admin/settings", new() { ["RequireTwoFactor"] = "true", ["Version"] = await CurrentVersionAsync(admin) });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        try
        {
            // Password alone: every page leads to the set-up page.
            var browser = await app.SignedInBrowserAsync(email);
            var home = await browser.GetAsync("/agencies");
            Assert.Equal("/account/two-factor/set-up", home.Headers.Location?.OriginalString);

            var setUp = await browser.GetDocumentAsync("/account/two-factor/set-up");
            Assert.Contains("Your partnership asks everyone to sign in with a code", setUp.QuerySelector("main")!.TextContent);
            var key = setUp.QuerySelector("#shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
            Assert.Contains($"secret={key}&", QrCodeReading.Read(setUp.QuerySelector("#qr-code svg")!));
            Assert.Equal("img", setUp.QuerySelector("#qr-code svg")!.GetAttribute("role"));
            var wrong = await browser.SubmitFormAsync("/account/two-factor/set-up", new() { ["Input.Code"] = "000000" }, formUrl: "/account/two-factor/set-up");
            Assert.Contains("The code is not correct", (await wrong.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);

            var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
            var done = await browser.SubmitFormAsync("/account/two-factor/set-up", new() { ["Input.Code"] = code }, formUrl: "/account/two-factor/set-up");
            Assert.Equal("/", done.Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/agencies")).StatusCode);

            // The next sign-in asks for a code after the password.
            var next = app.CreateBrowser();
            var password = await next.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = TestPartnership.Password });
            Assert.StartsWith("/sign-in/code", password.Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/agencies")).StatusCode);

            var badCode = await next.SubmitFormAsync("/sign-in/code", new() { ["Input.Code"] = "12345" });
            Assert.Contains("The code must be 6 digits", (await badCode.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);

            // A code is accepted once: the one that set the app up does not sign in again, however soon.
            var replayed = await next.SubmitFormAsync("/sign-in/code", new() { ["Input.Code"] = code });
            Assert.Contains("Enter the current 6-digit code", (await replayed.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);

            var signedIn = await next.SubmitFormAsync("/sign-in/code", new() { ["Input.Code"] = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddSeconds(30)) });
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/agencies")).StatusCode);
        }
        finally
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var partnership = await db.Partnerships.SingleAsync(p => p.Id == app.Data.Partnership.Id);
            partnership.RequireTwoFactor = false;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task SetUpPage_WhereThePartnershipDoesNotRequireIt_DoesNotSayItDoes()
    {
        const string email = "twofactor-by-choice@testshire.example";
        await AddPersonAsync(email, Roles.Viewer);

        Assert.False(await CurrentRequireTwoFactorAsync());
        var browser = await app.SignedInBrowserAsync(email);
        var setUp = await browser.GetDocumentAsync("/account/two-factor/set-up");

        Assert.DoesNotContain("Your partnership asks everyone", setUp.QuerySelector("main")!.TextContent);
        Assert.Contains("someone who learns your password still cannot sign in as you", setUp.QuerySelector("main")!.TextContent);
        Assert.NotNull(setUp.QuerySelector("#shared-key"));
    }

    [Fact]
    public async Task Settings_SavedFromAStaleForm_IsRefusedWithAConflictMessage()
    {
        var second = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var staleVersion = await CurrentVersionAsync(second);
        var stillOff = await CurrentRequireTwoFactorAsync();

        // Meanwhile someone else changes the partnership record.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var partnership = await db.Partnerships.SingleAsync(p => p.Id == app.Data.Partnership.Id);
            partnership.Name += " (renamed)";
            await db.SaveChangesAsync();
        }

        var response = await second.SubmitFormAsync("/admin/settings", new() { ["RequireTwoFactor"] = "true", ["Version"] = staleVersion });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        Assert.Contains("Another administrator changed these settings", shown.QuerySelector(".govuk-error-summary")?.TextContent);
        Assert.Equal(stillOff, await CurrentRequireTwoFactorAsync());
        // The form shows what is stored now, with the version it was read at, so saving again is made knowingly and succeeds.
        Assert.Equal(stillOff, shown.QuerySelector("#RequireTwoFactor")!.HasAttribute("checked"));
        var current = shown.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        Assert.NotEqual(staleVersion, current);
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitFormAsync("/admin/settings", new() { ["RequireTwoFactor"] = stillOff ? "true" : "false", ["Version"] = current })).StatusCode);
    }

    private static async Task<string> CurrentVersionAsync(HttpClient browser) =>
        (await browser.GetDocumentAsync("/admin/settings")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;

    private async Task AddPersonAsync(string email, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .AddAsync(app.Data.Partnership.Id, email, [role], null, TestPartnership.Password);
    }

    private async Task<bool> CurrentRequireTwoFactorAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Partnerships
            .Where(p => p.Id == app.Data.Partnership.Id).Select(p => p.RequireTwoFactor).SingleAsync();
    }
}

public sealed class TwoFactorTestsSqlite(SqliteAppFactory app) : TwoFactorTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TwoFactorTestsPostgres(PostgresAppFactory app) : TwoFactorTests(app), IClassFixture<PostgresAppFactory>;
