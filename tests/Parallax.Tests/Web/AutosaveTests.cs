namespace Parallax.Tests.Web;

/// <summary>The endpoints the autosave script calls: a draft save in JSON, a visible conflict, and 401 once the session has ended.</summary>
public abstract class AutosaveTests(ParallaxAppFactory app)
{
    private async Task<Guid> SentSchoolRequestAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (_, _, requests) = await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Autosave audit", TestAudits.NewUin("AS"), app.Data.School.Id);
        return requests.Single().Id;
    }

    private static async Task<HttpResponseMessage> AutosaveAsync(HttpClient browser, Guid request, string token, string? expected, string comment)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"/returns/{request}?handler=Autosave")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Expected"] = expected ?? "", ["q-tt1"] = "no", ["q-tt1-comment"] = comment,
            }),
        };
        message.Headers.Add("X-Requested-With", "parallax");
        return await browser.SendAsync(message);
    }

    [Fact]
    public async Task Autosave_SavesTheDraft_ThenAStaleTabGetsAConflictAndOverwritesNothing()
    {
        var request = await SentSchoolRequestAsync();
        var tab = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var token = (await tab.GetDocumentAsync($"/returns/{request}")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var first = await AutosaveAsync(tab, request, token, null, "First tab");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var version = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetString();
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(tab, request, token, version, "First tab, later")).StatusCode);

        // A second tab still holding the first version.
        var stale = await AutosaveAsync(tab, request, token, version, "Second tab");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Nothing was overwritten", JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        await using var scope = app.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditReturns.Include(r => r.Answers).SingleAsync(r => r.Id == request);
        Assert.Equal("First tab, later", saved.Answers.Single().Comment);
    }

    [Fact]
    public async Task KeepAlive_NeedsThePagesAntiForgeryToken()
    {
        var request = await SentSchoolRequestAsync();
        var tab = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var token = (await tab.GetDocumentAsync($"/returns/{request}")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        HttpRequestMessage KeepAlive(string? header)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/account/keep-alive");
            message.Headers.Add("X-Requested-With", "parallax");
            if (header is not null) message.Headers.Add("RequestVerificationToken", header);
            return message;
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await tab.SendAsync(KeepAlive(null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tab.SendAsync(KeepAlive("forged"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tab.SendAsync(KeepAlive(token))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateBrowser().SendAsync(KeepAlive(token))).StatusCode);
    }

    [Fact]
    public async Task Autosave_AfterTheSessionEnded_Answers401_SoTheScriptKeepsTheAnswers()
    {
        var request = await SentSchoolRequestAsync();
        var tab = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var token = (await tab.GetDocumentAsync($"/returns/{request}")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await tab.SubmitFormAsync("/sign-out", [], formUrl: "/");

        var response = await AutosaveAsync(tab, request, token, null, "Typed after sign-out");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // Without the script's header a browser is sent to sign in, as before.
        Assert.Equal(HttpStatusCode.Redirect, (await tab.GetAsync($"/returns/{request}")).StatusCode);
    }

    [Fact]
    public async Task ReturnPage_CarriesWhatTheScriptNeeds()
    {
        var request = await SentSchoolRequestAsync();
        var tab = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);

        var form = (await tab.GetDocumentAsync($"/returns/{request}?all=true")).QuerySelector("form[data-parallax-autosave]")!;

        Assert.Equal($"/returns/{request}?handler=Autosave", form.GetAttribute("data-parallax-autosave"));
        Assert.Equal("30", form.GetAttribute("data-parallax-session-minutes"));
    }
}

public sealed class SqliteAutosaveTests(SqliteAppFactory app) : AutosaveTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAutosaveTests(PostgresAppFactory app) : AutosaveTests(app), IClassFixture<PostgresAppFactory>;
