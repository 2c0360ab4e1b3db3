namespace Parallax.Tests.Users;

/// <summary>Sessions end after 30 idle minutes, and after 12 hours however active (on a clock the test moves).</summary>
public sealed class SessionLifetimeTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    [Fact]
    public async Task ASession_EndsAfter30IdleMinutes()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Panel);
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task ACopyOfTheSessionCookie_StopsWorkingOnceTheUserSignsOut()
    {
        // A browser that keeps its own cookies, and an attacker who copied them before the user signed out.
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var copied = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var signIn = await copied.GetAsync("/sign-in");
        var token = (await signIn.ReadDocumentAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var antiforgery = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var posted = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = TestPartnership.Lead, ["Input.Password"] = TestPartnership.Password, ["__RequestVerificationToken"] = token }),
        };
        posted.Headers.Add("Cookie", string.Join("; ", antiforgery));
        var session = (await copied.SendAsync(posted)).Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("parallax-session=", StringComparison.Ordinal)).Split(';')[0];
        async Task<HttpStatusCode> ReplayAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", session);
            return (await copied.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await ReplayAsync());

        // The same user signs out in their browser: the security stamp changes, and every copy of the session dies with it.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/sign-out", [], formUrl: "/")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync());
    }

    [Fact]
    public async Task AnActiveSession_EndsAfter12Hours()
    {
        var browser = await app.SignedInBrowserAsync(TestPartnership.Viewer);
        // A page every 20 minutes keeps the session alive for 11 hours 40 minutes...
        for (var i = 0; i < 35; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        }

        // ...but not past 12 hours from signing in.
        app.Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.True(ParallaxWebApp.AbsoluteSessionLifetime < TimeSpan.FromMinutes((35 * 20) + 25));
        var after = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/sign-in", after.Headers.Location!.ToString());
    }
}
