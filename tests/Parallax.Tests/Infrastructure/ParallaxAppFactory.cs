using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Parallax.Tests.Infrastructure;

/// <summary>The real Parallax host, started through its own entry point, on a real database of one provider.</summary>
public abstract class ParallaxAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    protected ParallaxAppFactory(DatabaseProvider provider) => Database = TestDatabase.Create(provider);

    public TestDatabase Database { get; }

    /// <summary>Where this host's mail is written (no SMTP server in tests).</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "parallax-mail-" + Guid.NewGuid().ToString("N"));

    public TestPartnership Data { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = Database.ProviderName,
            [DatabaseSettings.ConnectionStringKey] = Database.ConnectionString,
            [ParallaxServices.DemoOnFirstRunKey] = "false",
            [ChasingService.EnabledKey] = "false",
            ["Parallax:Mail:Folder"] = MailFolder,
            // Tests sign in many times a minute from one address; RateLimitTests sets real limits.
            ["Parallax:RateLimits:SignInPerMinute"] = "100000",
            ["Parallax:RateLimits:UploadsPerMinute"] = "100000",
        }));
        // Test output shows failures, not request logs; PARALLAX_TEST_LOG=1 shows the application's log when debugging.
        if (Environment.GetEnvironmentVariable("PARALLAX_TEST_LOG") != "1") builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    /// <summary>False for a host that starts on an empty installation (no partnership, no user), as a new one does.</summary>
    protected virtual bool CreatesTestPartnership => true;

    public async Task InitializeAsync()
    {
        _ = Server; // Starts the host, which migrates the database.
        if (!CreatesTestPartnership) return;
        await using var scope = Services.CreateAsyncScope();
        Data = await TestPartnership.CreateAsync(scope.ServiceProvider);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(MailFolder)) Directory.Delete(MailFolder, recursive: true);
    }

    /// <summary>
    /// The application's services on this host's database, as the command line builds them, on a clock the test
    /// moves (deadlines, reminders, retention), with any further services <paramref name="more"/> adds.
    /// </summary>
    public ServiceProvider CommandServices(TimeProvider clock, Action<IServiceCollection>? more = null) => ParallaxServices.CommandServices(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = Database.ProviderName,
            [DatabaseSettings.ConnectionStringKey] = Database.ConnectionString,
            ["Parallax:Mail:Folder"] = MailFolder,
        }).Build(),
        new Parallax.Core.AuditTrail.AuditActor("test", "test"),
        services =>
        {
            services.AddSingleton(clock);
            more?.Invoke(services);
        });

    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real sign-in form, as a person would.</summary>
    public async Task<HttpClient> SignedInBrowserAsync(string email, string? password = null)
    {
        var browser = CreateBrowser();
        var response = await browser.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = password ?? TestPartnership.Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}.");
        return browser;
    }
}

public sealed class SqliteAppFactory() : ParallaxAppFactory(DatabaseProvider.Sqlite);

/// <summary>A host with small rate limits: 3 sign-in attempts and 2 uploads a minute.</summary>
public sealed class RateLimitedAppFactory() : ParallaxAppFactory(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Parallax:RateLimits:SignInPerMinute"] = "3",
            ["Parallax:RateLimits:UploadsPerMinute"] = "2",
        }));
    }
}

public sealed class PostgresAppFactory() : ParallaxAppFactory(DatabaseProvider.Postgres);

/// <summary>A PostgreSQL host whose clock the test moves (London time across the clock change).</summary>
public sealed class FakeClockPostgresAppFactory() : ParallaxAppFactory(DatabaseProvider.Postgres)
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>A host on an empty installation of each provider: no partnership, no user, no demo.</summary>
public sealed class EmptySqliteAppFactory() : ParallaxAppFactory(DatabaseProvider.Sqlite)
{
    protected override bool CreatesTestPartnership => false;
}

public sealed class EmptyPostgresAppFactory() : ParallaxAppFactory(DatabaseProvider.Postgres)
{
    protected override bool CreatesTestPartnership => false;
}

/// <summary>A host whose clock the test moves (sessions, lifetimes): a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> in place of the system clock.</summary>
public sealed class FakeClockAppFactory() : ParallaxAppFactory(DatabaseProvider.Sqlite)
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public static class BrowserExtensions
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        return await response.ReadDocumentAsync();
    }

    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// GETs the page, takes the anti-forgery token from a form in its main content (as a browser would post
    /// that form), and posts the fields with it. Sign-out is the one form outside main, in the header.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient browser, string url, Dictionary<string, string> fields, string? formUrl = null)
    {
        var page = await browser.GetDocumentAsync(formUrl ?? url);
        var form = url == "/sign-out" ? "form[action='/sign-out']" : "main form[method=post]";
        var token = page.QuerySelector($"{form} input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No form with an anti-forgery token on {formUrl ?? url}: a browser could not post it.");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await browser.PostAsync(url, new FormUrlEncodedContent(body));
    }

    /// <summary>Chooses the partnership to act in on "Change partnership", as a person in several does (decision 0034).</summary>
    public static Task<HttpResponseMessage> SwitchPartnershipAsync(this HttpClient browser, Guid partnershipId) =>
        browser.SubmitFormAsync("/account/partnership", new() { ["PartnershipId"] = partnershipId.ToString() });

    /// <summary>Posts a file as the page's upload form would (multipart, with the form's anti-forgery token).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient browser, string url, string field, string fileName, byte[] content, string? formUrl = null, Dictionary<string, string>? fields = null)
    {
        var page = await browser.GetDocumentAsync(formUrl ?? url);
        var token = page.QuerySelector("main form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No upload form with an anti-forgery token on {formUrl ?? url}.");
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields ?? []) body.Add(new StringContent(value), name);
        body.Add(new ByteArrayContent(content), field, fileName);
        return await browser.PostAsync(url, body);
    }
}
