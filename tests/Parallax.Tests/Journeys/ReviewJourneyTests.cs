using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parallax.Core.AuditTrail;
using Parallax.Core.Data;
using Parallax.Tests.Infrastructure;
using Parallax.Web;

namespace Parallax.Tests.Journeys;

/// <summary>
/// A practice review in a real browser (Debian's Chromium through Playwright) against a real <c>serve</c>
/// process: the lead starts a review and asks the police for a chronology, the police auditor enters an
/// event using only the keyboard and submits, the lead reads the merged chronology and downloads it.
/// Every page on the way is checked with axe-core for WCAG 2.x A and AA violations, and screenshotted
/// into TestResults/journeys as an artefact.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class ReviewJourneyTests : IAsyncLifetime
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private readonly TestDatabase database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private readonly string folder = Directory.CreateTempSubdirectory("parallax-journey-").FullName;
    private readonly string screenshots = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "journeys");
    private readonly List<string> checkedPages = [];
    private ParallaxNode node = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private int step;

    public async Task InitializeAsync()
    {
        node = await ParallaxNode.StartAsync(database, folder);
        await using (var services = ParallaxServices.CommandServices(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DatabaseSettings.ProviderKey] = database.ProviderName, [DatabaseSettings.ConnectionStringKey] = database.ConnectionString,
            }).Build(), new AuditActor("test", "test")))
        await using (var scope = services.CreateAsyncScope())
        {
            await TestPartnership.CreateAsync(scope.ServiceProvider);
        }

        Directory.CreateDirectory(screenshots);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await node.DisposeAsync();
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<IPage> SignInAsync(string email)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = node.Address.ToString(), AcceptDownloads = true, ViewportSize = new() { Width = 1100, Height = 900 } });
        // A cold server process on a busy two-core machine: generous time, waited for, never slept.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", TestPartnership.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return page;
    }

    /// <summary>axe-core over the page as it stands: no WCAG 2.x A or AA violation; and a screenshot of the step.</summary>
    private async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"{++step:00}-{name}.png"), FullPage = true });
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        var violations = result.Violations.Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        checkedPages.Add(name);
    }

    [Fact]
    public async Task Review_FromStartToMergedChronology_InARealBrowser_AccessibleAtEveryStep()
    {
        var lead = await SignInAsync(TestPartnership.Lead);
        await CheckAsync(lead, "lead-home");

        // The lead starts a review; an empty form first, to see the error summary.
        await lead.GotoAsync("/reviews/new");
        await lead.ClickAsync("button:has-text('Start the review')");
        Assert.Contains("There is a problem", await lead.TextContentAsync(".govuk-error-summary"));
        await CheckAsync(lead, "new-review-errors");
        await lead.CheckAsync("#Kind"); // Rapid Review, the first option, carries the field's id for the error summary link
        await lead.FillAsync("#Title", "Child J");
        await lead.FillAsync("#TriggerIncident", "a serious injury to a baby");
        foreach (var (field, d, m, y) in new[] { ("IncidentOn", "2", "3", "2025"), ("NotifiedOn", "4", "3", "2025"), ("PeriodFrom", "1", "1", "2024"), ("PeriodTo", "2", "3", "2025") })
        {
            await lead.FillAsync($"#{field}_Day", d);
            await lead.FillAsync($"#{field}_Month", m);
            await lead.FillAsync($"#{field}_Year", y);
        }

        await lead.FillAsync("#SubjectUin", "JR" + Guid.NewGuid().ToString("N")[..6]);
        await lead.FillAsync("#SubjectInitials", "JJ");
        await lead.SelectOptionAsync("#MemberRoles-0", "Mother");
        await lead.FillAsync("#MemberInitials-0", "KL");
        await lead.ClickAsync("button:has-text('Start the review')");
        await lead.SelectOptionAsync("#AgencyId", new SelectOptionValue { Label = "Testshire Police" });
        await lead.ClickAsync("button:has-text('Add the agency')");
        await lead.ClickAsync("button:has-text('Ask 1 agency for their chronology')");
        Assert.Contains("has been asked for a chronology", await lead.TextContentAsync(".govuk-notification-banner"));
        await CheckAsync(lead, "review-overview");
        var reviewUrl = lead.Url;

        // The police auditor enters one event with the keyboard alone, confirms its type and submits.
        var police = await SignInAsync(TestPartnership.PoliceAuditor);
        await police.GotoAsync("/chronologies");
        await CheckAsync(police, "chronologies");
        await police.ClickAsync("text=Child J");
        await CheckAsync(police, "chronology-empty");
        await police.ClickAsync("text=Add an event");
        await police.FocusAsync("#Date");
        await police.Keyboard.TypeAsync("14/02/2025");
        await police.Keyboard.PressAsync("Tab");
        await police.Keyboard.TypeAsync("23:15");
        await police.Keyboard.PressAsync("Tab");
        await police.Keyboard.TypeAsync("Officers attended a domestic incident at the home; child present");
        await police.Keyboard.PressAsync("Tab");
        await police.Keyboard.PressAsync("Space"); // "Child (JJ)"
        await CheckAsync(police, "event-form");
        await police.Keyboard.PressAsync("Tab");
        await police.Keyboard.PressAsync("Space"); // "Mother (KL)"
        await police.FocusAsync("button:has-text('Save the event')");
        await police.Keyboard.PressAsync("Enter");
        await police.WaitForURLAsync(url => !url.Contains("/events/", StringComparison.Ordinal));
        Assert.Contains("Domestic abuse incident", await police.TextContentAsync("table"));
        Assert.Contains("Child (JJ), Mother (KL)", await police.TextContentAsync("table"));
        await CheckAsync(police, "chronology-with-suggestion");
        await police.ClickAsync("button:has-text('Confirm the suggested types')");
        await police.ClickAsync("button:has-text('Submit the chronology')");
        Assert.Contains("submitted", await police.TextContentAsync(".govuk-notification-banner"));

        // The lead reads the merged chronology and downloads it as Word.
        await lead.GotoAsync(reviewUrl + "/chronology");
        Assert.Contains("14 February 2025 23:15", await lead.TextContentAsync("table.parallax-chronology"));
        await CheckAsync(lead, "merged-chronology");
        var download = await lead.RunAndWaitForDownloadAsync(() => lead.ClickAsync("text=Download as Word"));
        var file = Path.Combine(folder, "chronology.docx");
        await download.SaveAsAsync(file);
        Assert.Equal("Child J chronology.docx", download.SuggestedFilename);
        using (var document = WordprocessingDocument.Open(file, false))
            Assert.Contains("Officers attended a domestic incident", document.MainDocumentPart!.Document.Body!.InnerText);
        await lead.GotoAsync(reviewUrl + "/learning");
        await CheckAsync(lead, "learning");
        await lead.GotoAsync("/accessibility");
        await CheckAsync(lead, "accessibility-statement");

        Assert.Equal(10, checkedPages.Count);
    }
}

/// <summary>Browser journeys run on their own, after the parallel tests, so a busy machine does not starve the browser and its server.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserJourneys
{
    public const string Name = "Browser journeys";
}
