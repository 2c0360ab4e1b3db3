using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Parallax.Tests.Web;
using Parallax.Web;

namespace Parallax.Bench;

/// <summary>
/// The crawl of every page at scale: the real host (in process, as <see cref="SignedInHost"/>) over the installation
/// <see cref="SizeData"/> made, each role of its first partnership signed in through the form, and every GET page of
/// the access table (a copy of AccessMatrixTests' table, columns in the same order) that the role may open, requested
/// N times after one warm-up request. Prints each page's median and 95th percentile as each role, the slowest pages,
/// and exits 1 on any server error (5xx) or when a page the table opens answers otherwise.
/// </summary>
public static class SizeCrawl
{
    // The access table itself (tests/Parallax.Tests/Web/AccessTable.cs, compiled into this project).
    private const int Ok = AccessTable.Ok;

    private static readonly (string Route, int[] Expected)[] Matrix = AccessTable.Matrix;


    // The people of the first partnership, in the columns of the table (the other partnership's lead is not crawled).
    private static readonly (string Who, int Column)[] Crawled =
        [("admin", 0), ("lead", 1), ("auditor-a02", 2), ("auditor-a04", 3), ("panel", 4), ("viewer", 5)];

    public static async Task<int> RunAsync(string provider, string connection, int times, string? only = null)
    {
        using var services = AuditData.Services(provider, connection);
        var records = await RecordsAsync(services);
        using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DatabaseSettings.ProviderKey] = provider, [DatabaseSettings.ConnectionStringKey] = connection,
                [ParallaxServices.DemoOnFirstRunKey] = "false", [ChasingService.EnabledKey] = "false",
                ["Parallax:RateLimits:SignInPerMinute"] = "100000", ["Parallax:RateLimits:UploadsPerMinute"] = "100000",
            }));
            builder.ConfigureLogging(logging => logging.ClearProviders());
        });

        var rows = new List<(string Who, string Route, int Status, double[] Times, long Bytes, bool Page)>();
        var problems = new List<string>();
        foreach (var (who, column) in Crawled)
        {
            var browser = await SignInAsync(host, SizeData.Email(0, who));
            foreach (var (route, expected) in Matrix)
            {
                if (expected[column] != Ok) continue;
                // --pages: only the routes that start with one of the given prefixes, to measure a page again after a change.
                if (only is not null && !only.Split(',').Any(prefix => route.StartsWith(prefix, StringComparison.Ordinal))) continue;
                var url = records.Url(route);
                var (status, bytes, page) = await GetAsync(browser, url);
                var timings = new double[times];
                for (var n = 0; n < times; n++)
                {
                    var watch = Stopwatch.StartNew();
                    (status, bytes, page) = await GetAsync(browser, url);
                    timings[n] = watch.Elapsed.TotalMilliseconds;
                }

                rows.Add((who, route, status, timings, bytes, page));
                if (status >= 500 || status != Ok) problems.Add($"{who} GET {url}: {status}");
                Console.WriteLine($"{who,-12} {route,-72} {status} {(page ? "page    " : "download")} median {Percentile(timings, 0.5),8:F1} ms  p95 {Percentile(timings, 0.95),8:F1} ms  {bytes / 1024.0,8:F1} KB");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{rows.Count} page-role pairs, {times} requests each (after one warm-up). Pages (HTML) over 150 ms (median), slowest first:");
        foreach (var row in rows.Where(r => r.Page && Percentile(r.Times, 0.5) > 150).OrderByDescending(r => Percentile(r.Times, 0.5)))
            Console.WriteLine($"  {Percentile(row.Times, 0.5),8:F1} ms (p95 {Percentile(row.Times, 0.95),8:F1})  {row.Who,-12} {row.Route}  {row.Bytes / 1024.0:F0} KB");
        Console.WriteLine("Downloads (files, not pages) over 150 ms:");
        foreach (var row in rows.Where(r => !r.Page && Percentile(r.Times, 0.5) > 150).OrderByDescending(r => Percentile(r.Times, 0.5)))
            Console.WriteLine($"  {Percentile(row.Times, 0.5),8:F1} ms (p95 {Percentile(row.Times, 0.95),8:F1})  {row.Who,-12} {row.Route}  {row.Bytes / 1024.0:F0} KB");
        Console.WriteLine("The slowest ten:");
        foreach (var row in rows.OrderByDescending(r => Percentile(r.Times, 0.5)).Take(10))
            Console.WriteLine($"  {Percentile(row.Times, 0.5),8:F1} ms (p95 {Percentile(row.Times, 0.95),8:F1})  {row.Who,-12} {row.Route}  {row.Bytes / 1024.0:F0} KB");
        foreach (var route in new[] { "/panel", "/admin/audit-trail" })
            foreach (var row in rows.Where(r => r.Route == route))
                Console.WriteLine($"Target 100 ms: {route} as {row.Who}: median {Percentile(row.Times, 0.5):F1} ms, p95 {Percentile(row.Times, 0.95):F1} ms");
        var medians = rows.Where(r => r.Page).Select(r => Percentile(r.Times, 0.5)).ToArray();
        Console.WriteLine($"HTML pages: median of the medians {Percentile(medians, 0.5):F1} ms; {medians.Count(m => m > 150)} of {medians.Length} page-role pairs over 150 ms; {rows.Count(r => !r.Page)} downloads besides.");
        foreach (var problem in problems) Console.WriteLine($"NOT 200: {problem}");
        return rows.Any(r => r.Status >= 500) ? 1 : 0;
    }

    private static async Task<(int Status, long Bytes, bool Page)> GetAsync(HttpClient browser, string url)
    {
        using var response = await browser.GetAsync(url);
        var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
        return ((int)response.StatusCode, bytes, response.Content.Headers.ContentType?.MediaType == "text/html" && response.Content.Headers.ContentDisposition is null);
    }

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> host, string email)
    {
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/sign-in");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = SizeData.Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}.");
        return browser;
    }

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0) return 0;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];
    }

    private sealed record Records(Dictionary<string, string> Ids)
    {
        public string Url(string route)
        {
            // The agency pages open a return of an audit still open (due today); the lead's pages the audit in reporting.
            if (route.StartsWith("/returns/", StringComparison.Ordinal)) route = route.Replace("{request}", Ids["openRequest"]);
            return Ids.Aggregate(route, (url, id) => url.Replace("{" + id.Key + "}", id.Value));
        }
    }

    /// <summary>
    /// The records the table's routes name, in the first partnership: its audit in reporting (with a report version, findings,
    /// a recommendation and actions from the generator) and an open audit's police return; and, made here once through the
    /// services as AccessMatrixTests makes them, a practice review with a police chronology, a Rapid Review decided, and a draft tool.
    /// </summary>
    private static async Task<Records> RecordsAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var db = s.GetRequiredService<ParallaxDbContext>();
        var partnership = await db.Partnerships.Where(p => p.Name == SizeData.PartnershipName(0)).Select(p => p.Id).SingleAsync();
        var police = await db.Agencies.SingleAsync(a => a.PartnershipId == partnership && a.Code == SizeData.AgencyCode(2));
        var audit = await db.Audits.Where(a => a.PartnershipId == partnership && a.Status == AuditStatus.Reporting).OrderBy(a => a.Title).Select(a => a.Id).FirstAsync();
        var open = await db.Audits.Where(a => a.PartnershipId == partnership && a.Status == AuditStatus.ReturnsOpen).OrderBy(a => a.Title).Select(a => a.Id).FirstAsync();
        var request = await db.ReturnRequests.Where(r => r.AuditId == audit && r.AgencyId == police.Id).OrderBy(r => r.Id).FirstAsync();
        var openRequest = await db.ReturnRequests.Where(r => r.AuditId == open && r.AgencyId == police.Id).OrderBy(r => r.Status == ReturnStatus.InProgress ? 0 : 1).ThenBy(r => r.Id).Select(r => r.Id).FirstAsync();
        if (!await db.ReportVersions.AnyAsync(v => v.AuditId == audit)) await s.GetRequiredService<AuditReports>().GenerateAsync(partnership, audit, "Lead");
        var recommendation = await db.Recommendations.Where(r => r.AuditId == audit).Select(r => r.Id).FirstAsync();
        var action = await db.PlanActions.Where(a => a.RecommendationId == recommendation && a.OwnerAgencyId == police.Id).Select(a => a.Id).FirstAsync();

        var opening = s.GetRequiredService<ReviewOpening>();
        var writing = s.GetRequiredService<ChronologyWriting>();
        var learnings = s.GetRequiredService<ReviewLearnings>();
        if (!await db.PracticeReviews.AnyAsync(r => r.PartnershipId == partnership && r.Title == "Child BX"))
        {
            var review = await opening.CreateAsync(partnership, new ReviewInput(ReviewKind.PracticeReview, "Child BX", "serious injury at home",
                new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 3), new DateOnly(2024, 1, 1), new DateOnly(2025, 10, 1),
                "RX-0001", "QZ", 2, Sex.Male, LevelOfNeed.ChildInNeed, [new HouseholdInput(HouseholdRole.Mother, "AB")]), "Lead");
            await opening.AddAgencyAsync(review, police.Id);
            await opening.SendRequestsAsync(review, 10);
            var chronology = await writing.AgencyRequestAsync(partnership, police.Id, await db.ChronologyRequests.Where(r => r.ReviewId == review.Id).Select(r => r.Id).SingleAsync());
            await writing.AddEventAsync(chronology, new ChronologyEventInput(
                ChronologyDates.Parse("14/03/2025", null, new DateOnly(2026, 1, 1)).Date!.Value, null, "Officers attended a domestic incident", [], null, null, null, false));
            var learning = await learnings.AddLearningAsync(review, LearningKind.Recommendation, "The partnership to review its referral pathway", null);
            await learnings.TakeToActionPlanAsync(review, learning.Id, "Lead");
            var shared = await opening.CreateAsync(partnership, new ReviewInput(ReviewKind.RapidReview, "Child BY", "serious injury at home",
                new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 3), new DateOnly(2024, 1, 1), new DateOnly(2025, 10, 1),
                "RY-0001", "QY", 1, Sex.Female, LevelOfNeed.ChildInNeed, [new HouseholdInput(HouseholdRole.Other, "AB", RoleName: "partner of mother")], DatePrecision.Month), "Lead");
            shared.PanelCanRead = true;
            await db.SaveChangesAsync();
            await opening.AddAgencyAsync(shared, police.Id);
            // Asked on Monday 6 October 2025, while the summaries were still to come (as AccessMatrixTests does).
            await using (var asked = ParallaxServices.CommandServices(services.GetRequiredService<IConfiguration>(), new Parallax.Core.AuditTrail.AuditActor("bench", "size crawl"),
                             more => more.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2025, 10, 6, 9, 0, 0, TimeSpan.Zero)))))
            await using (var askedScope = asked.CreateAsyncScope())
            {
                var then = askedScope.ServiceProvider;
                await then.GetRequiredService<ReviewOpening>().SendRequestsAsync(await then.GetRequiredService<ParallaxDbContext>().PracticeReviews.SingleAsync(r => r.Id == shared.Id), 10);
            }

            await db.Entry(shared).ReloadAsync();
            var rapid = s.GetRequiredService<RapidReviews>();
            foreach (var partner in Enum.GetValues<SafeguardingPartner>())
                await rapid.SignOffAsync(shared, partner, $"Signer for the {PartnerSignOff.Describe(partner).ToLowerInvariant()}", "Executive", new DateOnly(2025, 10, 20), "Lead", despiteMissing: true);
            await rapid.DecideAsync(shared, RapidReviewDecision.PracticeReview, "Learning for the partnership about babies.", "Lead", shared.Version, despiteMissing: true);
            await s.GetRequiredService<ToolCatalogue>().ImportAsync(partnership, ToolTemplates.Find("trigger-trio")!.Document);
        }

        var practice = await db.PracticeReviews.SingleAsync(r => r.PartnershipId == partnership && r.Title == "Child BX");
        var sharedReview = await db.PracticeReviews.SingleAsync(r => r.PartnershipId == partnership && r.Title == "Child BY");
        var chronologyId = await db.ChronologyRequests.Where(r => r.ReviewId == practice.Id).Select(r => r.Id).SingleAsync();
        var rapidChronology = await db.ChronologyRequests.Where(r => r.ReviewId == sharedReview.Id).Select(r => r.Id).SingleAsync();
        var eventId = await db.ChronologyEvents.Where(e => e.RequestId == chronologyId).Select(e => e.Id).FirstAsync();
        var reviewRecommendation = await db.Recommendations.Where(r => r.ReviewId == practice.Id).Select(r => r.Id).FirstAsync();
        var draft = await db.ToolVersions.Include(v => v.Sections).ThenInclude(q => q.Questions)
            .Where(v => v.Tool!.PartnershipId == partnership && v.Tool.Name == ToolTemplates.Find("trigger-trio")!.Document.Name).FirstAsync();
        var section = draft.Sections.OrderBy(x => x.Order).First();
        return new Records(new()
        {
            ["audit"] = audit.ToString(), ["case"] = request.CaseId.ToString(), ["request"] = request.Id.ToString(), ["openRequest"] = openRequest.ToString(),
            ["recommendation"] = recommendation.ToString(), ["action"] = action.ToString(), ["nothing"] = Guid.CreateVersion7().ToString(),
            ["review"] = practice.Id.ToString(), ["chronology"] = chronologyId.ToString(), ["event"] = eventId.ToString(),
            ["reviewRecommendation"] = reviewRecommendation.ToString(), ["sharedReview"] = sharedReview.Id.ToString(), ["rapidChronology"] = rapidChronology.ToString(),
            ["agency"] = police.Id.ToString(),
            ["user"] = (await db.Users.Where(u => u.Email == SizeData.Email(0, "auditor-a02")).Select(u => u.Id).SingleAsync()).ToString(),
            ["tool"] = draft.ToolId.ToString(), ["section"] = section.Id.ToString(), ["question"] = section.Questions.OrderBy(q => q.Order).First().Id.ToString(),
        });
    }
}

/// <summary>A clock stopped at one moment, for records that must be made on a day of their own.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
