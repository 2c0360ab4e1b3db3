using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Parallax.Tests.Journeys;

/// <summary>
/// What every browser journey stands on: a real <c>serve</c> process over a fresh database with the test
/// partnership, Debian's Chromium through Playwright, signing in through the form, and a check of each page
/// (axe-core, WCAG 2.x A and AA, no violation) with a screenshot kept in TestResults/journeys.
/// </summary>
[Collection(BrowserJourneys.Name)]
public abstract class BrowserJourney : IAsyncLifetime
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private readonly string screenshots = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "journeys");
    private TestDatabase database = null!;
    private ParallaxNode? node;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private int step;

    protected string Folder { get; } = Directory.CreateTempSubdirectory("parallax-journey-").FullName;

    protected List<string> CheckedPages { get; } = [];

    /// <summary>Every request a page made to anywhere but the Parallax server.</summary>
    protected System.Collections.Concurrent.ConcurrentBag<string> ThirdParty { get; } = [];

    /// <summary>Names the screenshots of this journey, so two journeys never overwrite each other's.</summary>
    protected abstract string Name { get; }

    protected TestPartnership Data { get; private set; } = null!;

    /// <summary>Where the server under test answers.</summary>
    protected Uri Address { get; private set; } = null!;

    /// <summary>False for a journey that starts from an empty installation, as a new partnership's does.</summary>
    protected virtual bool CreatesTestPartnership => true;

    /// <summary>Settings for the server process beyond the journeys' usual ones.</summary>
    protected virtual IReadOnlyDictionary<string, string>? NodeEnvironment => null;

    /// <summary>What the server process printed on standard output.</summary>
    protected IEnumerable<string> ServerOutput => node?.Output ?? [];

    public async Task InitializeAsync()
    {
        (database, Address) = await StartServerAsync();
        if (CreatesTestPartnership)
        {
            await using var services = CommandServices();
            await using var scope = services.CreateAsyncScope();
            Data = await TestPartnership.CreateAsync(scope.ServiceProvider);
        }

        Directory.CreateDirectory(screenshots);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
    }

    /// <summary>A real <c>serve</c> process over a fresh SQLite database; a journey may start its server otherwise (on a clock it moves).</summary>
    protected virtual async Task<(TestDatabase Database, Uri Address)> StartServerAsync()
    {
        var fresh = TestDatabase.Create(DatabaseProvider.Sqlite);
        node = await ParallaxNode.StartAsync(fresh, Folder, NodeEnvironment);
        return (fresh, node.Address);
    }

    protected virtual ValueTask StopServerAsync() => node?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>The application's services over the journey's database, to look at what the pages stored.</summary>
    protected ServiceProvider CommandServices() => ParallaxServices.CommandServices(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = database.ProviderName, [DatabaseSettings.ConnectionStringKey] = database.ConnectionString,
        }).Build(), new AuditActor("test", "test"));

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await StopServerAsync();
        await database.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    protected async Task<IPage> SignInAsync(string email, string password = TestPartnership.Password)
    {
        var page = await OpenAsync("/sign-in");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("button[type=submit]");
        // Signed in, every page has the sign-out form: waiting for it does not depend on which navigation event fires when.
        await page.WaitForSelectorAsync("form[action='/sign-out']");
        return page;
    }

    /// <summary>A new browser (its own cookies) at <paramref name="path"/>, not signed in.</summary>
    protected async Task<IPage> OpenAsync(string path)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = Address.ToString(), AcceptDownloads = true, ViewportSize = new() { Width = 1100, Height = 900 } });
        // A cold server process on a busy two-core machine: generous time, waited for, never slept.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        // No page may fetch anything from another site: no fonts, scripts, analytics or pictures from elsewhere.
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(Address.ToString().TrimEnd('/'), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
                ThirdParty.Add(request.Url);
        };
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>
    /// Finish a return as someone using only a keyboard, from its task list or any of its sections (decision 0056).
    /// On the task list, Tab to the first section not completed (or to "Check your answers and submit") and press
    /// Enter; on a section, Space picks the first answer of each question not yet answered ("Yes", or the top
    /// judgement), every empty text box gets a sentence, and Enter on "Save and continue" saves it; on the check
    /// page, Space ticks the declaration and Enter on "Submit return" sends it. The focused element is read only to
    /// know what the person sees.
    /// </summary>
    protected static async Task CompleteWithTheKeyboardAsync(IPage page)
    {
        for (var pages = 0; pages < 20; pages++)
        {
            if (await page.QuerySelectorAsync(".govuk-panel--confirmation") is not null) return;
            Assert.Null(await page.QuerySelectorAsync(".govuk-error-summary"));
            var before = page.Url;
            await page.EvaluateAsync("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }");
            var moved = false;
            for (var presses = 0; presses < 400 && !moved; presses++)
            {
                await page.Keyboard.PressAsync("Tab");
                var focused = await page.EvaluateAsync<string[]>("""
                    () => { const e = document.activeElement; const group = e.type === 'radio' ? [...document.getElementsByName(e.name)].some(r => r.checked) : false;
                      const status = e.tagName === 'A' && e.closest('.govuk-task-list__item') ? e.closest('.govuk-task-list__item').querySelector('.govuk-task-list__status').textContent.trim() : '';
                      return [e.tagName, e.type || '', String(group || e.checked === true), (e.textContent || '').trim(), e.getAttribute('href') || '', status]; }
                    """);
                switch (focused)
                {
                    case ["INPUT", "radio", "false", _, _, _]:
                        await page.Keyboard.PressAsync("Space");
                        break;
                    case ["INPUT", "checkbox", "false", _, _, _] when await page.EvaluateAsync<bool>("() => document.activeElement.name === 'Declaration'"):
                        await page.Keyboard.PressAsync("Space");
                        break;
                    case ["TEXTAREA", _, _, _, _, _] when await page.EvaluateAsync<bool>("() => document.activeElement.value.length === 0"):
                        await page.Keyboard.TypeAsync("Seen and recorded on time.");
                        break;
                    case ["A", _, _, _, var href, var status] when (href.Contains("/sections/", StringComparison.Ordinal) && status.Length > 0 && status != "Completed") || href.EndsWith("/check", StringComparison.Ordinal):
                    case ["BUTTON", _, _, "Save and continue" or "Submit return", _, _]:
                        await page.Keyboard.PressAsync("Enter");
                        await page.WaitForURLAsync(url => url != before);
                        await page.WaitForSelectorAsync("form[action='/sign-out']");
                        moved = true;
                        break;
                }
            }

            Assert.True(moved, $"The keyboard found nothing to do on {before}.");
        }

        Assert.Fail("The keyboard never reached the confirmation of a submitted return.");
    }

    /// <summary>axe-core over the page as it stands: no WCAG 2.x A or AA violation; and a screenshot of the step.</summary>
    protected async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"{Name}-{++step:00}-{name}.png"), FullPage = true });
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        var violations = result.Violations.Where(v => !IsGovUkConditionalReveal(v)).Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(ThirdParty.IsEmpty, $"{name}: requests to other sites: {string.Join(", ", ThirdParty)}");
        CheckedPages.Add(name);
    }

    /// <summary>
    /// The one exception, and only it: GOV.UK Frontend sets aria-expanded on a radio or checkbox that reveals a
    /// follow-up question. ARIA does not list the attribute for those roles, so axe reports it; the Design System
    /// keeps it on purpose because screen readers announce it (alphagov/govuk-frontend#979, a documented known issue).
    /// Any other attribute, or aria-expanded anywhere else, still fails.
    /// </summary>
    private static bool IsGovUkConditionalReveal(AxeResultItem violation) =>
        violation.Id == "aria-allowed-attr" && violation.Nodes.All(n =>
            System.Text.RegularExpressions.Regex.IsMatch(n.Html, "^<input class=\"govuk-(radios|checkboxes)__input\"[^>]* aria-controls=\"[^\"]+\" aria-expanded=\"(true|false)\""));
}

/// <summary>Browser journeys run on their own, after the parallel tests, so a busy machine does not starve the browser and its server.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserJourneys
{
    public const string Name = "Browser journeys";
}
