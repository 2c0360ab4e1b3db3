using System.Net;
using Parallax.Tests.Infrastructure;
using Parallax.Web;

namespace Parallax.Tests.Web;

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
