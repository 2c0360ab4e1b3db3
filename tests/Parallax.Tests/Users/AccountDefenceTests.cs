using OtpNet;

namespace Parallax.Tests.Users;

/// <summary>A lockout that grows, and an authenticator app replaced only after the password, its key never shown again.</summary>
public abstract class AccountDefenceTests(ParallaxAppFactory app)
{
    private static string Unique(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..6]}@testshire.example";

    private async Task AddAsync(string email, bool twoFactor = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(app.Data.Partnership.Id, email, [Roles.Viewer], null, TestPartnership.Password);
        if (!twoFactor) return;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParallaxUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
    }

    private async Task<T> WithUserAsync<T>(string email, Func<UserManager<ParallaxUser>, ParallaxUser, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParallaxUser>>();
        return await act(users, (await users.FindByEmailAsync(email))!);
    }

    /// <summary>As if the lockout had run out: its end moved into the past.</summary>
    private Task LockoutRunsOutAsync(string email) =>
        WithUserAsync(email, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddSeconds(-1)));

    private static async Task<string> FailFiveTimesAsync(HttpClient browser, string email)
    {
        string message = "";
        for (var i = 0; i < IdentitySetup.MaxFailedSignIns; i++)
        {
            var response = await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = "not-the-password-at-all" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            message = (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent.Trim();
        }

        return message;
    }

    [Fact]
    public async Task ALockout_GrowsEachTimeInARow_TheSameForUnknownAddresses_AndASuccessfulSignInStartsItAgain()
    {
        var known = Unique("locked");
        var unknown = Unique("nobody");
        await AddAsync(known);
        var browser = app.CreateBrowser();

        foreach (var expected in new[] { "15 minutes", "30 minutes", "1 hour" })
        {
            var k = await FailFiveTimesAsync(browser, known);
            var u = await FailFiveTimesAsync(browser, unknown);
            Assert.Contains($"locked for {expected}", k);
            Assert.Equal(k, u);
            // While locked, even the right password is refused.
            var right = await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = known, ["Input.Password"] = TestPartnership.Password });
            Assert.Contains("locked", (await right.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
            await LockoutRunsOutAsync(known);
            UnknownLockoutRunsOut(unknown);
        }

        var end = await WithUserAsync(known, (users, user) => users.GetLockoutEndDateAsync(user));
        Assert.True(end < DateTimeOffset.UtcNow);

        // A successful sign-in: the next lockout is the first again.
        await app.SignedInBrowserAsync(known);
        Assert.Contains("locked for 15 minutes", await FailFiveTimesAsync(browser, known));
        Assert.Equal("4 hours", LockoutSchedule.Wait(LockoutSchedule.Delay(12)));
    }

    private static void UnknownLockoutRunsOut(string email) => Parallax.Features.Account.UnknownAccounts.RunOut(email);

    [Fact]
    public async Task ReplacingTheAuthenticatorApp_AsksForThePassword_NeverShowsTheActiveKey_AndTheOldAppStopsOnlyWhenTheNewOneWorks()
    {
        var email = Unique("newphone");
        await AddAsync(email, twoFactor: true);
        var active = (await WithUserAsync(email, (users, user) => users.GetAuthenticatorKeyAsync(user)))!;
        var activeShown = string.Join(' ', active.Chunk(4).Select(c => new string(c))).ToLowerInvariant();

        var browser = app.CreateBrowser();
        await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = TestPartnership.Password });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/sign-in/code", new() { ["Input.Code"] = new Totp(Base32Encoding.ToBytes(active)).ComputeTotp() })).StatusCode);

        // The page asks for the password and shows no key.
        const string page = "/account/two-factor/set-up";
        var first = await browser.GetDocumentAsync(page);
        Assert.Null(first.QuerySelector("#shared-key"));
        Assert.NotNull(first.QuerySelector("input[name=CurrentPassword][type=password]"));
        Assert.DoesNotContain(active, first.Source.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(activeShown, first.Source.Text);

        var wrong = await (await browser.OpenFormAsync(page, "form[action*=Confirm] button")).Set("CurrentPassword", "not-my-password-at-all").PostAsync(browser);
        var wrongPage = await wrong.ReadDocumentAsync();
        Assert.Contains("Your password is not correct", wrongPage.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Null(wrongPage.QuerySelector("#shared-key"));

        // A code straight to the replacing step, without the password, changes nothing.
        var skipped = await browser.SubmitFormAsync(page, new() { ["Input.Code"] = new Totp(Base32Encoding.ToBytes(active)).ComputeTotp() });
        Assert.Null((await skipped.ReadDocumentAsync()).QuerySelector("#shared-key"));

        var confirmed = await (await browser.OpenFormAsync(page, "form[action*=Confirm] button")).Set("CurrentPassword", TestPartnership.Password).PostAsync(browser);
        var keyPage = await confirmed.ReadDocumentAsync();
        var newKey = keyPage.QuerySelector("#shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
        Assert.NotEqual(active, newKey);
        // The QR code, drawn on the server, carries the same new key for the app to scan.
        var scanned = QrCodeReading.Read(keyPage.QuerySelector("#qr-code svg")!);
        Assert.StartsWith("otpauth://totp/Parallax:", scanned);
        Assert.Contains($"secret={newKey}&", scanned);
        Assert.DoesNotContain(activeShown, keyPage.Source.Text);
        // Until the new app proves itself, the old key is still the active one.
        Assert.Equal(active, await WithUserAsync(email, (users, user) => users.GetAuthenticatorKeyAsync(user)));

        // Read at the address the browser shows after the password step, so the form's own action is what is tested.
        var badCode = await BrowserForm.Read(keyPage, page + "?handler=Confirm", "button[type=submit]").Set("Input.Code", "000000").PostAsync(browser);
        var badPage = await badCode.ReadDocumentAsync();
        Assert.Contains("The code is not correct", badPage.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(newKey, badPage.QuerySelector("#shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant());

        var done = await BrowserForm.Read(badPage, page, "button[type=submit]").Set("Input.Code", new Totp(Base32Encoding.ToBytes(newKey)).ComputeTotp(DateTime.UtcNow.AddSeconds(30))).PostAsync(browser);
        Assert.Equal("/account", done.Headers.Location?.OriginalString);
        Assert.Equal(newKey, await WithUserAsync(email, (users, user) => users.GetAuthenticatorKeyAsync(user)));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);

        // The old app's codes no longer sign in; the new one's do.
        var next = app.CreateBrowser();
        await next.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = TestPartnership.Password });
        var old = await next.SubmitFormAsync("/sign-in/code", new() { ["Input.Code"] = new Totp(Base32Encoding.ToBytes(active)).ComputeTotp(DateTime.UtcNow.AddSeconds(60)) });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var fresh = await next.SubmitFormAsync("/sign-in/code", new() { ["Input.Code"] = new Totp(Base32Encoding.ToBytes(newKey)).ComputeTotp(DateTime.UtcNow.AddSeconds(60)) });
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }
}

public sealed class SqliteAccountDefenceTests(SqliteAppFactory app) : AccountDefenceTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAccountDefenceTests(PostgresAppFactory app) : AccountDefenceTests(app), IClassFixture<PostgresAppFactory>;
