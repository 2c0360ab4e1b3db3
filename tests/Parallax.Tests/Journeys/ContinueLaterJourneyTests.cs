using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Parallax.Tests.Journeys;

/// <summary>
/// An agency auditor answers part of a return by clicking the answers' labels, saves it and leaves; the next
/// day (the server's clock moved on a day, so yesterday's session is over) they sign in again, find their
/// answers where they left them, finish the return with the keyboard alone and submit it.
/// </summary>
public sealed class ContinueLaterJourneyTests : BrowserJourney
{
    private ClockedHost host = null!;

    protected override string Name => "continue-later";

    protected override async Task<(TestDatabase Database, Uri Address)> StartServerAsync()
    {
        host = new ClockedHost(TestDatabase.Create(DatabaseProvider.Sqlite), Path.Combine(Folder, "mail"));
        host.StartServer();
        return (host.Database, host.Address);
    }

    protected override async ValueTask StopServerAsync() => await host.DisposeAsync();

    [Fact]
    public async Task AnAuditorSavesPartOfAReturn_ComesBackTheNextDay_AndSubmitsItWithTheKeyboard()
    {
        var uin = TestAudits.NewUin("NX");
        Guid requestId;
        await using (var services = CommandServices())
        await using (var scope = services.CreateAsyncScope())
        {
            var (_, _, requests) = await TestAudits.SentAsync(scope.ServiceProvider, Data.Partnership.Id, "Next day audit", uin, Data.Police.Id);
            requestId = requests.Single().Id;
        }

        // Day one: the return's task list, then its first section; two answers chosen by their labels, and a
        // comment; then "Save and come back later", back to the task list.
        var dayOne = await SignInAsync(TestPartnership.PoliceAuditor);
        await dayOne.GotoAsync("/returns");
        await dayOne.ClickAsync($"a:has-text('{uin}')");
        await Assertions.Expect(dayOne.Locator("#progress-count")).ToHaveTextAsync("You have completed 0 of 2 sections.");
        await CheckAsync(dayOne, "task-list");
        await dayOne.ClickAsync("#sections a:has-text('Outcomes for the child')");
        await Question(dayOne, "TT1").GetByText("Yes", new() { Exact = true }).ClickAsync();
        await Question(dayOne, "TT2").GetByText("No", new() { Exact = true }).ClickAsync();
        await dayOne.GetByLabel("Comments on the quality of work for TT2").FillAsync("The child's words were not recorded at the home visit.");
        await CheckAsync(dayOne, "part-answered");
        await dayOne.ClickAsync("button:has-text('Save and come back later')");
        await Assertions.Expect(dayOne.Locator("#section-1-status")).ToHaveTextAsync("In progress");
        Assert.Null(await dayOne.QuerySelectorAsync(".govuk-error-summary"));
        await CheckAsync(dayOne, "saved-task-list");

        // "Save and continue" on an unfinished section: saved, and the errors name only this section's questions.
        await dayOne.ClickAsync("#sections a:has-text('Outcomes for the child')");
        await dayOne.ClickAsync("button:has-text('Save and continue')");
        var errors = await dayOne.Locator(".govuk-error-summary__list a").AllTextContentsAsync();
        Assert.Equal(["Select yes, no or not applicable for TT3", "Select yes, no or not applicable for TT4", "Select yes, no or not applicable for TT5",
            "Select yes, no or not applicable for TT6", "Select a judgement for Outcomes for the child"], errors);
        await CheckAsync(dayOne, "section-errors");

        // The next day yesterday's session is over: the return page sends them to sign in.
        host.Clock.Advance(TimeSpan.FromDays(1));
        await dayOne.GotoAsync($"/returns/{requestId}");
        Assert.Contains("/sign-in", dayOne.Url);

        var dayTwo = await SignInAsync(TestPartnership.PoliceAuditor);
        await dayTwo.GotoAsync("/returns");
        await dayTwo.ClickAsync($"a:has-text('{uin}')");
        await dayTwo.ClickAsync("#sections a:has-text('Outcomes for the child')");
        Assert.True(await Question(dayTwo, "TT1").GetByLabel("Yes", new() { Exact = true }).IsCheckedAsync());
        Assert.True(await Question(dayTwo, "TT2").GetByLabel("No", new() { Exact = true }).IsCheckedAsync());
        await CheckAsync(dayTwo, "next-day");

        // At 375 px the task list, a section and the check page fit the screen.
        await dayTwo.SetViewportSizeAsync(375, 800);
        foreach (var (path, name) in new[] { ($"/returns/{requestId}", "task-list-375"), ($"/returns/{requestId}/sections/1", "section-375"), ($"/returns/{requestId}/check", "check-375") })
        {
            await dayTwo.GotoAsync(path);
            var width = await dayTwo.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            await CheckAsync(dayTwo, name);
            Assert.True(width <= 375, $"{path} is {width} px wide at 375 px");
        }

        await dayTwo.SetViewportSizeAsync(1100, 900);
        await dayTwo.GotoAsync($"/returns/{requestId}");
        await CompleteWithTheKeyboardAsync(dayTwo);
        await CheckAsync(dayTwo, "submitted");

        await using (var services = CommandServices())
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            Assert.Equal(ReturnStatus.Submitted, await db.ReturnRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync());
            var answers = await db.Set<ReturnAnswer>().Where(a => a.ReturnId == requestId).ToDictionaryAsync(a => a.Code);
            Assert.Equal(6, answers.Count);
            Assert.Equal(("yes", "no"), (answers["TT1"].Value, answers["TT2"].Value));
            Assert.Equal("The child's words were not recorded at the home visit.", answers["TT2"].Comment);
        }
    }

    private static ILocator Question(IPage page, string code) =>
        page.Locator("form[data-parallax-autosave] fieldset", new() { Has = page.Locator("legend", new() { HasText = code }) });

    /// <summary>The real application in this process on a loopback port, on a clock the journey moves.</summary>
    private sealed class ClockedHost(TestDatabase database, string mailFolder) : WebApplicationFactory<Program>
    {
        private readonly int port = FreePort();

        public TestDatabase Database => database;

        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        public Uri Address => new($"http://127.0.0.1:{port}");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            UseKestrel(port);
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DatabaseSettings.ProviderKey] = database.ProviderName,
                [DatabaseSettings.ConnectionStringKey] = database.ConnectionString,
                [ParallaxServices.DemoOnFirstRunKey] = "false",
                [ChasingService.EnabledKey] = "false",
                ["Parallax:Mail:Folder"] = mailFolder,
                ["Parallax:RateLimits:SignInPerMinute"] = "1000",
            }));
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
            builder.ConfigureLogging(logging => logging.ClearProviders());
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
