namespace Parallax.Tests.Web;

/// <summary>Sign-in attempts over the limit get 429 and a sentence; opening the form is not limited. (Its own host: the limit is per client address.)</summary>
public sealed class SignInRateLimitTests(RateLimitedAppFactory app) : IClassFixture<RateLimitedAppFactory>
{
    [Fact]
    public async Task SignIn_TheFourthAttemptInAMinute_Gets429_AndTheFormStillOpens()
    {
        var browser = app.CreateBrowser();
        for (var i = 0; i < 3; i++)
        {
            var wrong = await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = "nobody@example.org", ["Input.Password"] = "wrong-password-123" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var limited = await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = "nobody@example.org", ["Input.Password"] = "wrong-password-123" });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.RetryAfter?.ToString());
        Assert.Contains("Too many requests", (await limited.ReadDocumentAsync()).QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/sign-in")).StatusCode);
    }

}

/// <summary>Uploads over the limit get 429; reading pages is not limited.</summary>
public sealed class UploadRateLimitTests(RateLimitedAppFactory app) : IClassFixture<RateLimitedAppFactory>
{
    [Fact]
    public async Task Uploads_OverTheLimit_Get429()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var limited = await lead.PackagesOverTheLimitAsync(2);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/audits")).StatusCode);
    }
}
