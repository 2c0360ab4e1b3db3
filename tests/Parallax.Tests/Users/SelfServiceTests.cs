using Parallax.Features.Account;

namespace Parallax.Tests.Users;

/// <summary>What people do for themselves: a forgotten password, a new password, recovery codes for a lost authenticator.</summary>
public abstract class SelfServiceTests(ParallaxAppFactory app)
{
    private const string NewPassword = "thistle-anchor-meadow-cobalt";

    private static string Unique(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..6]}@testshire.example";

    private async Task<ParallaxUser> AddUserAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(app.Data.Partnership.Id, email, [Roles.PanelMember], null, TestPartnership.Password);
    }

    private async Task<(HttpResponseMessage Response, TimeSpan Took)> AskForResetAsync(string email)
    {
        var browser = app.CreateBrowser();
        var started = Stopwatch.GetTimestamp();
        var response = await browser.SubmitFormAsync("/account/forgotten-password", new() { ["Email"] = email });
        return (response, Stopwatch.GetElapsedTime(started));
    }

    [Fact]
    public async Task ForgottenPassword_SameAnswerAndTimeForAnyAddress_TheMailedLinkWorksOnce()
    {
        var email = Unique("forgetful");
        await AddUserAsync(email);
        var unknown = Unique("nobody");

        var (known, knownTook) = await AskForResetAsync(email);
        var (nobody, nobodyTook) = await AskForResetAsync(unknown);

        string Text(string body, string address) => body.Replace(address, "ADDRESS", StringComparison.Ordinal);
        var knownPage = await known.ReadDocumentAsync();
        var nobodyPage = await nobody.ReadDocumentAsync();
        Assert.Equal(Text(knownPage.QuerySelector("main")!.InnerHtml, email), Text(nobodyPage.QuerySelector("main")!.InnerHtml, unknown));
        Assert.True(knownTook >= ForgottenPasswordModel.AnswerTime && nobodyTook >= ForgottenPasswordModel.AnswerTime);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.To == email && m.Kind == PasswordReset.Kind));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == unknown));
        }

        var link = await Outbox.LinkSentToAsync(app, email, PasswordReset.Kind);
        var browser = app.CreateBrowser();
        Assert.Equal("Choose a new password", (await browser.GetDocumentAsync(link)).QuerySelector("h1")!.TextContent);
        var changed = await browser.SubmitFormAsync(link, new() { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        await app.SignedInBrowserAsync(email, NewPassword);
        Assert.Equal("This reset link cannot be used", (await app.CreateBrowser().GetDocumentAsync(link)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task ResetLink_ExpiresAfterAnHour()
    {
        var email = Unique("slow");
        await AddUserAsync(email);
        await using (var old = app.CommandServices(new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-61))))
        await using (var scope = old.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PasswordReset>().RequestAsync(email);
        var link = await Outbox.LinkSentToAsync(app, email, PasswordReset.Kind);

        var page = await app.CreateBrowser().GetDocumentAsync(link);
        var refused = await app.CreateBrowser().SubmitFormAsync(link, new() { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword }, "/account/forgotten-password");

        Assert.Equal("This reset link cannot be used", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        await app.SignedInBrowserAsync(email);
    }

    [Fact]
    public async Task ChangePassword_NeedsTheCurrentOne_KeepsThisSession_AndEndsTheOthers()
    {
        var email = Unique("changer");
        await AddUserAsync(email);
        var here = await app.SignedInBrowserAsync(email);
        var elsewhere = await app.SignedInBrowserAsync(email);

        var wrong = await here.SubmitFormAsync("/account/password", new() { ["CurrentPassword"] = "not my password at all", ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("#CurrentPassword", (await wrong.ReadDocumentAsync()).QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));

        var changed = await here.SubmitFormAsync("/account/password", new() { ["CurrentPassword"] = TestPartnership.Password, ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/account")).StatusCode);
        await app.SignedInBrowserAsync(email, NewPassword);
    }

    [Fact]
    public async Task RecoveryCodes_TenShownOnce_EachSignsInOnceAtTheTwoFactorStep()
    {
        var email = Unique("recover");
        await AddUserAsync(email);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ParallaxUser>>();
            var user = await users.FindByEmailAsync(email);
            await users.ResetAuthenticatorKeyAsync(user!);
            await users.SetTwoFactorEnabledAsync(user!, true);
        }

        var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = TestPartnership.Password })).StatusCode);
        var noCodes = await browser.SubmitFormAsync("/sign-in/recovery-code", new() { ["Code"] = "ABCDE-FGHIJ" });
        Assert.Contains("not correct", (await noCodes.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);

        // Signed in through the app's code step by the service itself, to make codes.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ParallaxUser>>();
            Assert.Equal(0, await users.CountRecoveryCodesAsync((await users.FindByEmailAsync(email))!));
        }

        var key = await WithKeyAsync(email);
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/sign-in/code", new() { ["Input.Code"] = code })).StatusCode);
        var refused = await browser.SubmitFormAsync("/account/recovery-codes", new() { ["CurrentPassword"] = "wrong password here" });
        Assert.Empty((await refused.ReadDocumentAsync()).QuerySelectorAll("#recovery-codes li"));
        var made = await (await browser.SubmitFormAsync("/account/recovery-codes", new() { ["CurrentPassword"] = TestPartnership.Password })).ReadDocumentAsync();
        var codes = made.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Empty((await browser.GetDocumentAsync("/account/recovery-codes")).QuerySelectorAll("#recovery-codes li"));

        var lost = app.CreateBrowser();
        await lost.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = TestPartnership.Password });
        var recovered = await lost.SubmitFormAsync("/sign-in/recovery-code", new() { ["Code"] = codes[3] });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lost.GetAsync("/account")).StatusCode);

        var again = app.CreateBrowser();
        await again.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = TestPartnership.Password });
        var reused = await again.SubmitFormAsync("/sign-in/recovery-code", new() { ["Code"] = codes[3] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SubmitFormAsync("/sign-in/recovery-code", new() { ["Code"] = codes[4] })).StatusCode);
    }

    private async Task<string> WithKeyAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParallaxUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!))!;
    }
}

public sealed class SqliteSelfServiceTests(SqliteAppFactory app) : SelfServiceTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresSelfServiceTests(PostgresAppFactory app) : SelfServiceTests(app), IClassFixture<PostgresAppFactory>;
