using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace Parallax.Tests.Web;

/// <summary>
/// Who may open each page, handler and download of the whole product: one table, every role, plus the school's
/// auditor (another agency) and another partnership's lead. 403 where the role may never come; 404 where the
/// role may, but the record is not theirs. Every route and GET handler the application serves must have a row,
/// so a new page added without a decision about who sees it fails here. Every POST handler is then tried by
/// every user the table refuses, with a valid anti-forgery token, and must be refused in the same way and
/// change nothing (the audit trail, which records every change, is the witness).
/// </summary>
public abstract class AccessMatrixTests(ParallaxAppFactory app)
{
    private static readonly string[] Users =
    [
        TestPartnership.Admin, TestPartnership.Lead, TestPartnership.PoliceAuditor, TestPartnership.SchoolAuditor,
        TestPartnership.Panel, TestPartnership.Viewer, TestPartnership.OtherLead,
    ];

    /// <summary>
    /// Who is tried: every column of the table, and a person in both partnerships (Otherfield's lead, Testshire's viewer;
    /// decision 0034), who must get exactly what Otherfield's lead gets while acting in Otherfield, and exactly what
    /// Testshire's viewer gets once switched to Testshire.
    /// </summary>
    private async Task<List<(string Who, HttpClient Browser, int Column)>> SessionsAsync()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await TestPartnership.AddPersonInBothAsync(scope.ServiceProvider, app.Data.Partnership.Id);
        var sessions = new List<(string, HttpClient, int)>();
        for (var u = 0; u < Users.Length; u++) sessions.Add((Users[u], await app.SignedInBrowserAsync(Users[u]), u));
        // The person's last choice is kept between sessions (an earlier test may have left it at Testshire): choose Otherfield.
        var inOtherfield = await app.SignedInBrowserAsync(TestPartnership.InBoth);
        Guid otherfield;
        await using (var scope = app.Services.CreateAsyncScope()) otherfield = await TestPartnership.OtherfieldIdAsync(scope.ServiceProvider);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await inOtherfield.SwitchPartnershipAsync(otherfield)).StatusCode);
        sessions.Add(($"{TestPartnership.InBoth} in Otherfield", inOtherfield, Array.IndexOf(Users, TestPartnership.OtherLead)));
        sessions.Add((SwitchedToTestshire, await SwitchedSessionAsync(), Array.IndexOf(Users, TestPartnership.Viewer)));
        return sessions;
    }

    private const string SwitchedToTestshire = $"{TestPartnership.InBoth} switched to Testshire";

    private async Task<HttpClient> SwitchedSessionAsync()
    {
        var switched = await app.SignedInBrowserAsync(TestPartnership.InBoth);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await switched.SwitchPartnershipAsync(app.Data.Partnership.Id)).StatusCode);
        return switched;
    }

    /// <summary>Open to anyone (AccessTests), or not a page of the product's records.</summary>
    private static readonly HashSet<string> NotInTheMatrix = ["/sign-in", "/sign-in/code", "/error/{code:int?}", "/health", "/accessibility", "/account/keep-alive", "/set-up/{token}", "/account/invitation/{token}", "/account/forgotten-password", "/account/reset-password/{token}", "/sign-in/recovery-code"];

    private const int Ok = AccessTable.Ok, No = AccessTable.No, Nf = AccessTable.Nf;

    private static readonly (string Route, int[] Expected)[] Matrix = AccessTable.Matrix;

    private sealed record Records(Dictionary<string, string> Ids)
    {
        public string Url(string route) => Ids.Aggregate(route, (url, id) => url.Replace("{" + id.Key + "}", id.Value));
    }

    private async Task<Records> RecordsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var partnership = app.Data.Partnership.Id;
        var sent = await TestAudits.SentAsync(s, partnership, "Access audit", TestAudits.NewUin("AX"), app.Data.Police.Id);
        await s.GetRequiredService<AuditReports>().GenerateAsync(partnership, sent.Audit.Id, "lead");

        var findings = s.GetRequiredService<AuditFindings>();
        var theme = (await findings.ThemesAsync(partnership)).First();
        var finding = await findings.AddAsync(partnership, sent.Audit.Id,
            new FindingInput(FindingKind.AreaForImprovement, FindingScope.SingleAgency, app.Data.Police.Id, theme.Id, "Chronologies were not kept", [sent.Case.Id]));
        var plans = s.GetRequiredService<ActionPlans>();
        var recommendation = await plans.AddRecommendationAsync(partnership, sent.Audit.Id,
            new RecommendationInput("Testshire Police to keep a chronology on every child protection case.", Addressee.Agency, null, app.Data.Police.Id, Priority.High, [finding.Id]), "lead");
        var action = await plans.AddActionAsync(partnership, recommendation.Id,
            new ActionInput(app.Data.Police.Id, null, "Add a chronology prompt to the case recording system", "A dip sample shows chronologies", new DateOnly(2030, 6, 14)));

        var opening = s.GetRequiredService<ReviewOpening>();
        var writing = s.GetRequiredService<ChronologyWriting>();
        var learnings = s.GetRequiredService<ReviewLearnings>();
        var review = await opening.CreateAsync(partnership, new ReviewInput(ReviewKind.PracticeReview, "Child AX", "serious injury at home",
            new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 3), new DateOnly(2024, 1, 1), new DateOnly(2025, 10, 1),
            TestAudits.NewUin("RX"), "QZ", 2, Sex.Male, LevelOfNeed.ChildInNeed, [new HouseholdInput(HouseholdRole.Mother, "AB")]), "lead");
        await opening.AddAgencyAsync(review, app.Data.Police.Id);
        await opening.SendRequestsAsync(review, 10);
        var chronology = await writing.AgencyRequestAsync(partnership, app.Data.Police.Id,
            await s.GetRequiredService<ParallaxDbContext>().ChronologyRequests.Where(r => r.ReviewId == review.Id).Select(r => r.Id).SingleAsync());
        var @event = await writing.AddEventAsync(chronology, new ChronologyEventInput(
            ChronologyDates.Parse("14/03/2025", null, new DateOnly(2026, 1, 1)).Date!.Value, null, "Officers attended a domestic incident", [], null, null, null, false));
        var learning = await learnings.AddLearningAsync(review, LearningKind.Recommendation, "The partnership to review its referral pathway", null);
        var reviewRecommendation = await learnings.TakeToActionPlanAsync(review, learning.Id, "lead");
        var sharedReview = await opening.CreateAsync(partnership, new ReviewInput(ReviewKind.RapidReview, "Child AY", "serious injury at home",
            new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 3), new DateOnly(2024, 1, 1), new DateOnly(2025, 10, 1),
            TestAudits.NewUin("RY"), "QY", 1, Sex.Female, LevelOfNeed.ChildInNeed, [new HouseholdInput(HouseholdRole.Other, "AB", RoleName: "partner of mother")], DatePrecision.Month), "lead");
        sharedReview.PanelCanRead = true;
        await s.GetRequiredService<ParallaxDbContext>().SaveChangesAsync();
        // The shared review is a Rapid Review: the police are asked for a chronology and a summary, the three partners sign off
        // and a practice review follows, so its process pages, the agency's summary and the milestones all have a record.
        await opening.AddAgencyAsync(sharedReview, app.Data.Police.Id);
        // Asked on Monday 6 October 2025, while the summaries were still to come.
        await app.SendRequestsOnAsync(sharedReview.Id, new DateOnly(2025, 10, 6), 10);
        await s.GetRequiredService<ParallaxDbContext>().Entry(sharedReview).ReloadAsync();
        var rapidChronology = await s.GetRequiredService<ParallaxDbContext>().ChronologyRequests.Where(r => r.ReviewId == sharedReview.Id).Select(r => r.Id).SingleAsync();
        var rapid = s.GetRequiredService<RapidReviews>();
        foreach (var partner in Enum.GetValues<SafeguardingPartner>())
            await rapid.SignOffAsync(sharedReview, partner, $"Signer for the {PartnerSignOff.Describe(partner).ToLowerInvariant()}", "Executive", new DateOnly(2025, 10, 20), "lead", despiteMissing: true);
        await rapid.DecideAsync(sharedReview, RapidReviewDecision.PracticeReview, "Learning for the partnership about babies.", "lead", sharedReview.Version, despiteMissing: true);

        // A tool no audit uses yet, so its sections and questions can still be edited.
        var draft = await s.GetRequiredService<ToolCatalogue>().ImportAsync(partnership, ToolTemplates.Find("trigger-trio")!.Document);
        var version = await s.GetRequiredService<ParallaxDbContext>().ToolVersions.Include(v => v.Sections).ThenInclude(q => q.Questions)
            .SingleAsync(v => v.ToolId == draft.Id && v.Number == 1);
        var section = version.Sections.First();

        return new Records(new()
        {
            ["audit"] = sent.Audit.Id.ToString(), ["case"] = sent.Case.Id.ToString(), ["request"] = sent.Requests.Single().Id.ToString(),
            ["recommendation"] = recommendation.Id.ToString(), ["action"] = action.Id.ToString(), ["nothing"] = Guid.CreateVersion7().ToString(),
            ["review"] = review.Id.ToString(), ["chronology"] = chronology.Id.ToString(), ["event"] = @event.Id.ToString(),
            ["reviewRecommendation"] = reviewRecommendation.Id.ToString(), ["sharedReview"] = sharedReview.Id.ToString(), ["rapidChronology"] = rapidChronology.ToString(),
            ["agency"] = app.Data.Police.Id.ToString(),
            ["user"] = (await s.GetRequiredService<ParallaxDbContext>().Users.Where(u => u.Email == TestPartnership.PoliceAuditor).Select(u => u.Id).SingleAsync()).ToString(),
            ["tool"] = version.ToolId.ToString(), ["section"] = section.Id.ToString(), ["question"] = section.Questions.First().Id.ToString(),
        });
    }

    /// <summary>Every route the application serves, with the page handlers each answers, read from the compiled pages.</summary>
    private async Task<List<(string Route, string Method, string? Handler)>> HandlersAsync()
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var handlers = new List<(string, string, string?)>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (NotInTheMatrix.Contains(route)) continue;
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            if (page is null)
            {
                handlers.Add((route, "GET", null));
                continue;
            }

            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            handlers.AddRange(compiled.HandlerMethods.Select(h => (route, h.HttpMethod.ToUpperInvariant(), h.Name)));
        }

        return handlers;
    }

    /// <summary>A route template with its constraints, as the table writes it: "/audits/{id:guid}/team" is "/audits/{}/team".</summary>
    private static string Shape(string route) => System.Text.RegularExpressions.Regex.Replace(route.Split('?')[0], @"\{[^}]*\}|[0-9]+|executive-summary", "{}");

    [Fact]
    public async Task EveryRouteAndGetHandler_HasARowInTheTable()
    {
        var missing = new List<string>();
        foreach (var (route, method, handler) in await HandlersAsync())
        {
            if (method != "GET") continue;
            var covered = Matrix.Any(row => Shape(row.Route) == Shape(route)
                && (handler is null ? !row.Route.Contains("handler=") : row.Route.Contains($"handler={handler}")));
            if (!covered) missing.Add(handler is null ? route : $"{route}?handler={handler}");
        }

        Assert.True(missing.Count == 0, "No row in the access table for: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryRole_GetsWhatTheTableSays()
    {
        var records = await RecordsAsync();

        var failures = new List<string>();
        foreach (var (who, session, u) in await SessionsAsync())
        {
            // The same person's session in Otherfield has just opened the two-factor set-up page, which makes a new key and so
            // ends the person's other sessions, as it should: the switched session is started afresh for its turn.
            var browser = who == SwitchedToTestshire ? await SwitchedSessionAsync() : session;
            foreach (var (route, expected) in Matrix)
            {
                var response = await browser.GetAsync(records.Url(route));
                var status = (int)response.StatusCode;
                if (status != expected[u]) failures.Add($"{who} GET {route}: expected {expected[u]}, got {status}{(response.Headers.Location is { } to ? $" to {to}" : "")}");
                // Every page each user may open: unique ids, labels that name their controls, controls with names.
                if (status == Ok && response.Content.Headers.ContentType?.MediaType == "text/html")
                    failures.AddRange(MarkupCheck.Problems(await response.ReadDocumentAsync()).Select(p => $"{who} GET {route}: {p}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// No link leads to a page its reader may not open: every local link (a[href]) on every page each
    /// user may open is followed as that user, and so are the links on the pages it reaches, until there is
    /// nothing new; none may answer 403, 404 or a server error. Each address is opened once per user.
    /// </summary>
    [Fact]
    public async Task EveryLink_OnEveryPageAUserMayOpen_OpensForThatUser()
    {
        var records = await RecordsAsync();

        var failures = new List<string>();
        var followed = 0;
        foreach (var (who, session, u) in await SessionsAsync())
        {
            var browser = who == SwitchedToTestshire ? await SwitchedSessionAsync() : session;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<(string Url, string From)>();
            foreach (var (route, expected) in Matrix)
            {
                if (expected[u] != Ok) continue;
                var url = records.Url(route);
                if (seen.Add(url)) queue.Enqueue((url, "the access table"));
            }

            while (queue.TryDequeue(out var next))
            {
                var (status, final, response) = await OpenAsync(browser, next.Url);
                if (next.From != "the access table") followed++;
                if (status is No or Nf || status >= 500 || final.StartsWith("/sign-in", StringComparison.Ordinal))
                {
                    failures.Add($"{who}: {next.Url} (linked from {next.From}) answered {status}{(final != next.Url ? $" at {final}" : "")}");
                    continue;
                }

                if (status != Ok || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
                var page = await response.ReadDocumentAsync();
                foreach (var href in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
                {
                    // Local links: a path, or a query on the page's own path ("?p=2").
                    var local = href.StartsWith('?') ? final.Split('?')[0] + href : href;
                    if (!local.StartsWith('/') || local.StartsWith("//", StringComparison.Ordinal)) continue;
                    var url = local.Split('#')[0];
                    // Signing out (its address sends the user home) would end the session the rest of the crawl needs.
                    if (url.Length == 0 || url.StartsWith("/sign-out", StringComparison.Ordinal)) continue;
                    if (seen.Add(url)) queue.Enqueue((url, final));
                }
            }
        }

        Assert.True(followed >= 100, $"Only {followed} links were followed.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Opens an address as the browser would, following redirects within the site.</summary>
    private static async Task<(int Status, string Final, HttpResponseMessage Response)> OpenAsync(HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        for (var hops = 0; hops < 5 && (int)response.StatusCode is 301 or 302 or 303 or 307 && response.Headers.Location is { } to; hops++)
        {
            var location = to.IsAbsoluteUri ? to.PathAndQuery : to.OriginalString;
            if (!location.StartsWith('/')) break;
            url = location;
            response = await browser.GetAsync(url);
        }

        return ((int)response.StatusCode, url, response);
    }

    [Fact]
    public async Task EveryPostHandler_RefusedToWhoeverTheTableRefuses_AndChangesNothing()
    {
        var records = await RecordsAsync();
        var posts = (await HandlersAsync()).Where(h => h.Method == "POST").ToList();
        Assert.True(posts.Count >= 60, $"Expected the application's form handlers, found {posts.Count}.");

        var browsers = new List<(string Who, HttpClient Browser, string Token, int Column)>();
        foreach (var (who, browser, column) in await SessionsAsync())
        {
            // An anti-forgery token belongs to the user's session, not to one form: the sign-out form's serves every post.
            var token = (await browser.GetDocumentAsync("/")).QuerySelector("form[action='/sign-out'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            browsers.Add((who, browser, token, column));
        }

        var before = await ChangesAsync();
        var failures = new List<string>();
        var tried = 0;
        foreach (var (route, _, handler) in posts)
        {
            // The page's own row, or the row that opens it with what it needs in the query (a retyped event).
            var row = Matrix.FirstOrDefault(r => Shape(r.Route) == Shape(route) && !r.Route.Contains('?'));
            if (row.Route is null) row = Matrix.FirstOrDefault(r => Shape(r.Route.Split('?')[0]) == Shape(route));
            Assert.True(row.Route is not null, $"No row in the access table for {route}");
            var url = records.Url(row.Route);
            url += handler is null ? "" : $"{(url.Contains('?') ? '&' : '?')}handler={handler}";
            foreach (var (who, browser, token, u) in browsers)
            {
                if (row.Expected[u] is not (No or Nf)) continue;
                tried++;
                // Over-posting: the form names ids, agency and status as a crafted post would.
                var response = await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token, ["AgencyId"] = app.Data.School.Id.ToString(), ["Status"] = "Submitted",
                    ["Text"] = "crafted", ["Title"] = "crafted", ["Expected"] = Guid.Empty.ToString(),
                }));
                if ((int)response.StatusCode != row.Expected[u]) failures.Add($"{who} POST {url}: expected {row.Expected[u]}, got {(int)response.StatusCode}");
            }
        }

        Assert.True(tried >= 200, $"Only {tried} refused posts were tried.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await ChangesAsync());
    }

    /// <summary>Changes to the partnerships' records in the audit trail (security events, which refusals add, aside).</summary>
    private async Task<int> ChangesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditEvents
            .CountAsync(e => e.Entity != "SecurityEvent" && e.Entity != "OutboxMessage");
    }
}

public sealed class SqliteAccessMatrixTests(SqliteAppFactory app) : AccessMatrixTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAccessMatrixTests(PostgresAppFactory app) : AccessMatrixTests(app), IClassFixture<PostgresAppFactory>;
