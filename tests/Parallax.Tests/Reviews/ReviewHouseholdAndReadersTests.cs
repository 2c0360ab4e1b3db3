using System.Globalization;

namespace Parallax.Tests.Reviews;

/// <summary>
/// A practice review through the pages: a household of up to 12 with roles in words, an incident known only by its month,
/// panel members and viewers reading a review its lead opens to them (decision 0071), and the timeline's rows, key and
/// indicator marks.
/// </summary>
public abstract class ReviewHouseholdAndReadersTests(ParallaxAppFactory app)
{
    private static Dictionary<string, string> Form(string title, string incidentDay = "1", string incidentMonth = "10", string incidentYear = "2025") => new()
    {
        ["Kind"] = "PracticeReview", ["Title"] = title, ["TriggerIncident"] = "serious injury to a toddler at home",
        ["IncidentOn.Day"] = incidentDay, ["IncidentOn.Month"] = incidentMonth, ["IncidentOn.Year"] = incidentYear,
        ["NotifiedOn.Day"] = "3", ["NotifiedOn.Month"] = "10", ["NotifiedOn.Year"] = "2025",
        ["PeriodFrom.Day"] = "1", ["PeriodFrom.Month"] = "1", ["PeriodFrom.Year"] = "2024",
        ["PeriodTo.Day"] = "1", ["PeriodTo.Month"] = "10", ["PeriodTo.Year"] = "2025",
        ["SubjectUin"] = "RH" + Guid.NewGuid().ToString("N")[..8], ["SubjectInitials"] = "QZ", ["SubjectAge"] = "2", ["SubjectSex"] = "Male", ["SubjectLevel"] = "ChildInNeed",
    };

    private static Guid ReviewId(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}");
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    [Fact]
    public async Task Household_OfTwelveWithRolesInWords_IsKeptAndNamedByThem()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var form = Form("Child H12");
        for (var i = 0; i < 12; i++) (form[$"MemberRoles[{i}]"], form[$"MemberRoleNames[{i}]"], form[$"MemberInitials[{i}]"]) = ("", "", "");
        var people = new (string Role, string Words, string Initials)[]
        {
            ("Mother", "", "AB"), ("Father", "", "CD"), ("StepParentOrPartner", "partner of mother", "EF"), ("Sibling", "sibling 1", "GH"),
            ("Sibling", "Sibling 2", "IJ"), ("Grandparent", "maternal grandmother", "KL"), ("Grandparent", "paternal grandfather", "MN"),
            ("OtherChild", "half-sibling", "OP"), ("OtherAdult", "lodger", "QR"), ("Other", "aunt", "ST"), ("Other", "partner of aunt", "UV"), ("Other", "cousin", "WX"),
        };
        foreach (var (p, i) in people.Select((p, i) => (p, i)))
        {
            form[$"MemberRoles[{i}]"] = p.Role;
            form[$"MemberRoleNames[{i}]"] = p.Words;
            form[$"MemberInitials[{i}]"] = p.Initials;
        }

        // The form offers twelve rows, each with the fixed roles, "other" and a box for the role in words.
        var blank = await lead.GetDocumentAsync("/reviews/new");
        Assert.Equal(12, blank.QuerySelectorAll("select[name^='MemberRoles']").Length);
        Assert.NotNull(blank.QuerySelector("#MemberRoles_11_ option[value='Other']"));
        Assert.Equal("MemberRoleNames_11_", blank.QuerySelector("label[for='MemberRoleNames_11_']")!.GetAttribute("for"));

        var id = ReviewId(await lead.SubmitFormAsync("/reviews/new", form));
        var overview = await lead.GetDocumentAsync($"/reviews/{id}");
        var household = overview.QuerySelectorAll(".govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent == "Household").QuerySelector("dd")!.TextContent;
        Assert.Equal("Mother (AB), Father (CD), Partner of mother (EF), Sibling 1 (GH), Sibling 2 (IJ), Maternal grandmother (KL), Paternal grandfather (MN), Half-sibling (OP), Lodger (QR), Aunt (ST), Partner of aunt (UV), Cousin (WX)", household);

        using var scope = app.Services.CreateScope();
        var reviews = scope.ServiceProvider.GetRequiredService<PracticeReviews>();
        var review = await reviews.FindAsync(app.Data.Partnership.Id, id);
        var resolved = await reviews.HouseholdAsync(review);
        // An agency's spreadsheet may name people by their words as well as by role or initials.
        var (ids, error) = resolved.Resolve("child; partner of mother; sibling 2; mum");
        Assert.Null(error);
        Assert.Equal(["Child (QZ)", "Partner of mother (EF)", "Sibling 2 (IJ)", "Mother (AB)"], ids.Select(resolved.Label));
        // Two siblings by the fixed role alone is ambiguous, and says so.
        Assert.Contains("more than one sibling", resolved.Resolve("sibling").Error);
    }

    [Fact]
    public async Task Household_WithBadRows_SaysWhatIsWrongBesideEachBox_AndKeepsEveryRow()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var form = Form("Child HB");
        // As a browser posts the form: every row's three boxes (role, role in words, initials), most of them empty.
        string[][] rows =
        [
            ["Other", "", "AB"],
            ["", "sibling 2", "CD"],
            ["Sibling", "", "E1"],
            ["Grandparent", "grandmother", ""],
            ["Other", "partner of <mother>", "FG"],
            ["Mother", "", "HI"],
        ];
        for (var i = 0; i < 12; i++)
            (form[$"MemberRoles[{i}]"], form[$"MemberRoleNames[{i}]"], form[$"MemberInitials[{i}]"]) = i < rows.Length ? (rows[i][0], rows[i][1], rows[i][2]) : ("", "", "");

        var response = await lead.SubmitFormAsync("/reviews/new", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var summary = page.QuerySelectorAll(".govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Equal(
        [
            ("#MemberRoleNames_0_", "Enter the role of person 1 in words, such as grandmother or partner of mother"),
            ("#MemberRoles_1_", "Select the role of person 2"),
            ("#MemberInitials_2_", "The initials of person 3 must be letters only, up to 4, such as AB"),
            ("#MemberInitials_3_", "Enter the initials of person 4, or clear their role to leave them out"),
            ("#MemberRoleNames_4_", "The role of person 5 must be words only, such as sibling 2 or partner of mother"),
        ], summary);
        // Each message sits beside its box, which points at it, and each link finds its box.
        foreach (var (href, message) in summary)
        {
            var box = page.QuerySelector(href!)!;
            Assert.Contains($"{href![1..]}-error", box.GetAttribute("aria-describedby"));
            Assert.Contains(message, page.GetElementById($"{href[1..]}-error")!.TextContent);
        }

        // Nothing typed is lost.
        Assert.Equal("Other", page.QuerySelector("#MemberRoles_0_ option[selected]")!.GetAttribute("value"));
        Assert.Equal("sibling 2", page.QuerySelector("#MemberRoleNames_1_")!.GetAttribute("value"));
        Assert.Equal("E1", page.QuerySelector("#MemberInitials_2_")!.GetAttribute("value"));
        Assert.Equal("grandmother", page.QuerySelector("#MemberRoleNames_3_")!.GetAttribute("value"));
        Assert.Equal("partner of <mother>", page.QuerySelector("#MemberRoleNames_4_")!.GetAttribute("value"));
        Assert.Equal("HI", page.QuerySelector("#MemberInitials_5_")!.GetAttribute("value"));
        Assert.Equal("Child HB", page.QuerySelector("#Title")!.GetAttribute("value"));

        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PracticeReviews.AnyAsync(r => r.Title == "Child HB"));
    }

    [Fact]
    public async Task Incident_KnownOnlyByItsMonth_IsStoredAndShownAsTheMonth_AndItsMonthIsNotCountedAsBefore()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        // A month with no year is still refused, with the month named.
        var missing = await lead.SubmitFormAsync("/reviews/new", Form("Child IM", incidentDay: "", incidentYear: ""));
        Assert.Contains("The month of the incident must include a year", (await missing.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);

        var id = ReviewId(await lead.SubmitFormAsync("/reviews/new", Form("Child IM", incidentDay: "", incidentMonth: "9", incidentYear: "2025")));
        var overview = await lead.GetDocumentAsync($"/reviews/{id}");
        var incident = overview.QuerySelectorAll(".govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent == "Incident").QuerySelector("dd")!.TextContent;
        Assert.Equal("serious injury to a toddler at home (September 2025)", incident);

        using (var scope = app.Services.CreateScope())
        {
            var review = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PracticeReviews.SingleAsync(r => r.Id == id);
            Assert.Equal((new DateOnly(2025, 9, 1), DatePrecision.Month), (review.IncidentOn, review.IncidentPrecision));
        }

        // A referral earlier in the incident's month may have been after it: listed as possible, not counted.
        static MergeEvent Referral(int id, DateOnly on) => new(new Guid(id, 0, 0, new byte[8]), Guid.Empty, "TCSC", new ChronologyDate(on, DatePrecision.Day), null, "Referral to children's social care", [], null, EventSignal.ReferralToChildrensSocialCare, id);
        var events = new[] { Referral(1, new DateOnly(2025, 2, 10)), Referral(2, new DateOnly(2025, 9, 2)) };
        var byMonth = CumulativeRisk.Compute(events, new IndicatorContext(IncidentOn: new DateOnly(2025, 9, 1), IncidentPrecision: DatePrecision.Month)).Single(i => i.Key == "referrals-before-incident");
        Assert.Equal(1, byMonth.Count);
        Assert.Contains("to the incident in September 2025", byMonth.Finding);
        Assert.Contains(byMonth.Instances, i => i.Summary.StartsWith("Possibly in the period", StringComparison.Ordinal) && i.EventIds.Contains(events[1].Id));
        // Had the day been known (the 3rd), the 2nd would count.
        var byDay = CumulativeRisk.Compute(events, new IndicatorContext(IncidentOn: new DateOnly(2025, 9, 3))).Single(i => i.Key == "referrals-before-incident");
        Assert.Equal(2, byDay.Count);
    }

    [Fact]
    public async Task PanelMembersAndViewers_ReadAReviewOnlyOnceItsLeadAllowsIt_AndChangeNothing()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var id = ReviewId(await lead.SubmitFormAsync("/reviews/new", Form("Child PR")));
        await lead.SubmitFormAsync($"/reviews/{id}/learning", new() { ["Kind"] = "LearningPoint", ["Text"] = "Each concern was seen on its own." });
        var panel = await app.SignedInBrowserAsync(TestPartnership.Panel);
        var viewer = await app.SignedInBrowserAsync(TestPartnership.Viewer);

        // Off by default: the review is not found by them, and not listed.
        foreach (var reader in new[] { panel, viewer })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/reviews/{id}/read")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/reviews/{id}/read/chronology")).StatusCode);
            Assert.DoesNotContain("Child PR", (await reader.GetDocumentAsync("/reviews/shared")).QuerySelector("main")!.TextContent);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/reviews/{id}")).StatusCode);
        }

        var details = await lead.GetDocumentAsync($"/reviews/{id}/details");
        Assert.Null(details.QuerySelector("#PanelCanRead")!.GetAttribute("checked"));
        var fields = details.QuerySelectorAll("main form[method=post] input[name], main form[method=post] textarea[name], main form[method=post] select[name]")
            .Where(e => e.GetAttribute("type") is not ("radio" or "checkbox") || e.HasAttribute("checked"))
            .Where(e => e.GetAttribute("name") != "__RequestVerificationToken")
            .GroupBy(e => e.GetAttribute("name")!)
            .ToDictionary(g => g.Key, g => g.First().LocalName == "select" ? g.First().QuerySelector("option[selected]")?.GetAttribute("value") ?? "" : g.First().LocalName == "textarea" ? g.First().TextContent : g.First().GetAttribute("value") ?? "");
        fields["PanelCanRead"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"/reviews/{id}/details", fields)).StatusCode);
        Assert.Contains("Can read the review", (await lead.GetDocumentAsync($"/reviews/{id}")).QuerySelector("main")!.TextContent);

        foreach (var reader in new[] { panel, viewer })
        {
            var list = await reader.GetDocumentAsync("/reviews/shared");
            Assert.Equal($"/reviews/{id}/read", list.QuerySelectorAll("main a").Single(a => a.TextContent == "Child PR").GetAttribute("href"));
            Assert.Equal("/reviews/shared", list.QuerySelector("nav a[href='/reviews/shared']")?.GetAttribute("href"));
            var page = await reader.GetDocumentAsync($"/reviews/{id}/read");
            Assert.Contains("Each concern was seen on its own.", page.QuerySelector("main")!.TextContent);
            Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
            var chronology = await reader.GetAsync($"/reviews/{id}/read/chronology");
            Assert.Equal(HttpStatusCode.OK, chronology.StatusCode);
            var merged = await chronology.ReadDocumentAsync();
            Assert.Null(merged.QuerySelector("main a[href*='/retype']"));
            Assert.Null(merged.QuerySelector("main a[href$='/indicators']"));
            // The lead's own pages stay closed, and a change posted to them is refused and changes nothing.
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/reviews/{id}/chronology")).StatusCode);
            var token = (await reader.GetDocumentAsync("/account/password")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var posted = await reader.PostAsync($"/reviews/{id}/details", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["Author"] = "Someone else", ["PanelCanRead"] = "false" }));
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }

        using var scope = app.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PracticeReviews.SingleAsync(r => r.Id == id);
        Assert.True(stored.PanelCanRead);
        Assert.NotEqual("Someone else", stored.Author);

        // Another partnership's lead does not find it.
        var other = await app.SignedInBrowserAsync(TestPartnership.OtherLead);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/reviews/{id}/read")).StatusCode);
    }

    [Fact]
    public async Task Timeline_SameMonthEventsOfOneAgency_DoNotOverlap_WithAKeyAndIndicatorEventsMarked()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        // The incident soon after the events, so the only indicator that shows is the domestic abuse one.
        var id = ReviewId(await lead.SubmitFormAsync("/reviews/new", Form("Child TL", incidentDay: "1", incidentMonth: "4", incidentYear: "2025")));
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"/reviews/{id}?handler=AddAgency", new() { ["AgencyId"] = app.Data.Police.Id.ToString() }, $"/reviews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync($"/reviews/{id}?handler=Send", new() { ["WorkingDays"] = "10" }, $"/reviews/{id}")).StatusCode);
        Guid request;
        using (var scope = app.Services.CreateScope())
            request = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ChronologyRequests.Where(r => r.ReviewId == id).Select(r => r.Id).SingleAsync();

        // Five police events in March 2025 (one dated only by the month) and one in January; three domestic incidents make the indicator show.
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var csv = Encoding.UTF8.GetBytes("Date,Date precision,Time,Event,Household members,Source reference,Agency comment,Event type\n" + string.Join("\n",
            "10/01/2025,,,Officers gave advice about parking,child,P-0,,Other",
            "March 2025,,,Several calls about noise during the month,child,P-1,,Other",
            "03/03/2025,,,Domestic incident: mother and partner arguing,child,P-2,,Domestic abuse incident",
            "04/03/2025,,,Domestic incident reported by a neighbour,child,P-3,,Domestic abuse incident",
            "05/03/2025,,,Domestic incident: partner arrested,child,P-4,,Domestic abuse incident",
            "20/03/2025,,,Welfare check at the home,child,P-5,,Other"));
        Assert.Equal(HttpStatusCode.Redirect, (await police.UploadAsync($"/chronologies/{request}?handler=Upload", "Upload", "police.csv", csv, $"/chronologies/{request}")).StatusCode);
        await police.SubmitFormAsync($"/chronologies/{request}?handler=Confirm", [], $"/chronologies/{request}");
        Assert.Equal(HttpStatusCode.Redirect, (await police.SubmitFormAsync($"/chronologies/{request}?handler=Submit", [], $"/chronologies/{request}")).StatusCode);

        var page = await lead.GetDocumentAsync($"/reviews/{id}/chronology");
        Assert.Contains("Shows", page.QuerySelector("#indicator-domestic-abuse")!.TextContent);
        var bars = page.QuerySelectorAll(".parallax-timeline svg[role=img] rect.parallax-mark").Select(r => (
            X: double.Parse(r.GetAttribute("x")!, CultureInfo.InvariantCulture), Width: double.Parse(r.GetAttribute("width")!, CultureInfo.InvariantCulture),
            Y: double.Parse(r.GetAttribute("y")!, CultureInfo.InvariantCulture), Height: double.Parse(r.GetAttribute("height")!, CultureInfo.InvariantCulture),
            Title: r.QuerySelector("title")!.TextContent, Class: r.GetAttribute("class")!)).ToList();
        Assert.Equal(6, bars.Count);
        // No two bars of the lane share any point: every event can be seen and pointed at.
        foreach (var a in bars)
        {
            foreach (var b in bars.Where(b => b != a))
                Assert.False(a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height, $"\"{a.Title}\" overlaps \"{b.Title}\"");
        }

        // The month-only event spans March; the days in it sit on other rows.
        var month = bars.Single(b => b.Title.StartsWith("March 2025:", StringComparison.Ordinal));
        Assert.Contains("parallax-mark--wide", month.Class);
        Assert.Equal(5, bars.Count(b => b.X < month.X + month.Width && month.X < b.X + b.Width));
        // The events behind the domestic abuse indicator are marked, in the class and the words, with a shape as well as colour.
        var marked = bars.Where(b => b.Class.Contains("parallax-mark--indicator", StringComparison.Ordinal)).Select(b => b.Title).ToList();
        Assert.True(marked.Count == 3, string.Join("\n", marked));
        Assert.All(marked, t => Assert.Contains("(behind: Repeated domestic abuse incidents)", t));
        Assert.All(marked, t => Assert.Contains("Domestic incident", t));
        Assert.Equal(3, page.QuerySelectorAll(".parallax-timeline svg[role=img] path.parallax-indicator-mark").Length);
        Assert.DoesNotContain(bars, b => b.Title.Contains("parking", StringComparison.Ordinal) && b.Class.Contains("indicator", StringComparison.Ordinal));

        // The key explains each kind of mark and is tied to the figure.
        var legend = page.QuerySelector("#timeline-legend")!;
        Assert.Equal("timeline-legend", page.QuerySelector("figure.parallax-timeline")!.GetAttribute("aria-describedby"));
        Assert.Contains("An event on a day", legend.TextContent);
        Assert.Contains("dated by month or year", legend.TextContent);
        Assert.Contains("Recorded by more than one agency", legend.TextContent);
        Assert.Contains("Behind a cumulative-risk indicator that shows (3 events)", legend.TextContent);
    }
}

public sealed class SqliteReviewHouseholdAndReadersTests(SqliteAppFactory app) : ReviewHouseholdAndReadersTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReviewHouseholdAndReadersTests(PostgresAppFactory app) : ReviewHouseholdAndReadersTests(app), IClassFixture<PostgresAppFactory>;
