using Microsoft.Extensions.Logging;

namespace Parallax.Tests.Web;

/// <summary>The real host with every log line it writes kept, at the levels the shipped settings log.</summary>
public sealed class LogCapturingAppFactory() : ParallaxAppFactory(DatabaseProvider.Sqlite)
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new Capture(Lines)));
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");

        public void Dispose()
        {
        }
    }
}

/// <summary>
/// No password, code, cookie or case narrative in the application's log: the log goes to places
/// (files, a log service, a support ticket) that the audit trail's protections do not reach.
/// </summary>
public sealed class ApplicationLogTests(LogCapturingAppFactory app) : IClassFixture<LogCapturingAppFactory>
{
    [Fact]
    public async Task SignInsAndAReturnWithNarrative_LeaveNoSecretAndNoNarrativeInTheLog()
    {
        const string wrongPassword = "not-the-password-7781-quartz";
        const string narrative = "Seen with mum (ZQ) at the family home; the child said she is frightened of the dog";
        Guid request;
        await using (var scope = app.Services.CreateAsyncScope())
            request = (await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Log audit", TestAudits.NewUin("LG"), app.Data.Police.Id)).Requests.Single().Id;

        await app.CreateBrowser().SubmitFormAsync("/sign-in", new() { ["Input.Email"] = TestPartnership.PoliceAuditor, ["Input.Password"] = wrongPassword });
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var saved = await police.SubmitFormAsync($"/returns/{request}?handler=Save",
            new() { ["Expected"] = "", [AnswerFields.Value("TT1")] = "no", [AnswerFields.Comment("TT1")] = narrative }, formUrl: $"/returns/{request}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // A refused page and an unknown one log too.
        await police.GetAsync("/admin/users");
        await police.GetAsync($"/returns/{Guid.CreateVersion7()}");

        var log = string.Join("\n", app.Lines);
        Assert.Contains("Sign-in refused", log);
        foreach (var secret in new[] { wrongPassword, TestPartnership.Password, narrative, "frightened of the dog", "__RequestVerificationToken", "parallax-session=" })
            Assert.DoesNotContain(secret, log);
    }
}
