namespace Parallax.Tests.Journeys;

/// <summary>
/// No page wider than a 375-pixel phone screen, for every page a person can reach: each role starts at its home page
/// in Chromium at 375 × 800 and follows every link within the site (one page of each shape: addresses that differ
/// only in a record's id or a page number are the same page), measuring the document's width on each. A wide table
/// must scroll inside its own region, never the page. <see cref="DailyUseJourneyTests"/> looks closer (axe, both
/// widths) at each role's main pages; this one is the wide net.
/// </summary>
public sealed partial class SmallScreenCrawlTests : BrowserJourney
{
    protected override string Name => "small-screen";

    [Fact]
    public async Task EveryPageEachRoleCanReach_FitsA375PxScreen()
    {
        await using (var services = CommandServices())
        await using (var scope = services.CreateAsyncScope())
        {
            // An audit with returns, judgements and a final report, so the crawl reaches collation, the panel and the report.
            var audit = await TestAudits.FiguresAuditAsync(scope.ServiceProvider, Data, "Small screens audit");
            var reports = scope.ServiceProvider.GetRequiredService<AuditReports>();
            await reports.GenerateAsync(Data.Partnership.Id, audit, "lead");
            await reports.FinaliseAsync(Data.Partnership.Id, audit, 1, confirmIdentifiers: true, "lead");

            // A Rapid Review with the police asked and one partner signed off, so the crawl reaches the reviews' pages too.
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var opening = scope.ServiceProvider.GetRequiredService<ReviewOpening>();
            var review = await opening.CreateAsync(Data.Partnership.Id, new ReviewInput(ReviewKind.RapidReview, "Small screens review", "serious injury to a baby at home",
                today.AddDays(-3), today.AddDays(-2), today.AddYears(-1), today.AddDays(-3), TestAudits.NewUin("SS"), "QZ", 0, Sex.Female, LevelOfNeed.ChildInNeed,
                [new HouseholdInput(HouseholdRole.Mother, "AB"), new HouseholdInput(HouseholdRole.OtherAdult, "CD", RoleName: "partner of mother")]), "lead");
            await opening.AddAgencyAsync(review, Data.Police.Id);
            await opening.SendRequestsAsync(review, ReviewOpening.DefaultChronologyWorkingDays);
            await scope.ServiceProvider.GetRequiredService<RapidReviews>().SignOffAsync(review, SafeguardingPartner.LocalAuthority, "A. Director", "Director of Children's Services", today, "lead", despiteMissing: true);
        }

        var failures = new List<string>();
        var measured = 0;
        foreach (var person in new[] { TestPartnership.Lead, TestPartnership.PoliceAuditor, TestPartnership.Panel, TestPartnership.Viewer, TestPartnership.Admin })
        {
            var page = await SignInAsync(person);
            await page.SetViewportSizeAsync(375, 800);
            var shapes = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>(["/"]);
            shapes.Add(Shape("/"));
            while (queue.TryDequeue(out var path) && shapes.Count <= 150)
            {
                // Only pages: a download (Word, PDF, CSV) or a refusal is not a page to measure.
                var head = await page.APIRequest.GetAsync(new Uri(Address, path).ToString());
                if (head.Status != 200 || !(head.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal))) continue;

                await page.GotoAsync(path);
                measured++;
                var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                if (width > 375)
                {
                    // Name where to look: the outermost boxes reaching past the screen, and the innermost ones whose content spills
                    // out of them (an unbreakable line), leaving out what sits inside a region that scrolls on its own.
                    var wide = await page.EvaluateAsync<string>("""
                        () => {
                            const scrolls = e => { for (let a = e.parentElement; a; a = a.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return true; return false; };
                            const name = e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')}`;
                            const all = [...document.querySelectorAll('body *')].filter(e => !scrolls(e));
                            const wide = all.filter(e => e.getBoundingClientRect().right > 376 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > 376))
                                .map(e => `${name(e)} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`);
                            const spilling = all.filter(e => getComputedStyle(e).overflowX === 'visible' && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
                                .slice(-2).map(e => `${name(e)} (content ${e.scrollWidth} px wide in ${e.clientWidth} px)`);
                            return [...wide.slice(0, 3), ...spilling].join(', ');
                        }
                        """);
                    failures.Add($"{person}: {path} is {width} px wide: {wide}");
                }

                foreach (var href in await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"))
                {
                    var local = href.StartsWith('?') ? path.Split('?')[0] + href : href;
                    if (!local.StartsWith('/') || local.StartsWith("//", StringComparison.Ordinal)) continue;
                    var url = local.Split('#')[0];
                    // Signing out would end the session the rest of the crawl needs.
                    if (url.Length == 0 || url.StartsWith("/sign-out", StringComparison.Ordinal)) continue;
                    if (shapes.Add(Shape(url))) queue.Enqueue(url);
                }
            }

            await page.Context.CloseAsync();
        }

        Assert.True(measured >= 60, $"Only {measured} pages were measured.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {measured} pages are wider than 375 px:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>An address with its record ids and numbers made general, and its query's values dropped (sorting by another column is the same page).</summary>
    private static string Shape(string url)
    {
        var parts = url.Split('?', 2);
        var path = Ids().Replace(parts[0], "{id}");
        var keys = parts.Length > 1 ? string.Join('&', parts[1].Split('&').Select(p => p.Split('=')[0]).Where(k => k is not ("p" or "page" or "sort" or "desc" or "Sort" or "Descending" or "Page")).Order()) : "";
        return keys.Length > 0 ? $"{path}?{keys}" : path;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?<=/)[0-9]+(?=/|$)")]
    private static partial Regex Ids();
}
