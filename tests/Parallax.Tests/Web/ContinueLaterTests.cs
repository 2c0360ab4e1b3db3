namespace Parallax.Tests.Web;

/// <summary>
/// People save half of something and come back another day. Each test builds a record over several sittings,
/// each in a new signed-in session that reads the page afresh and posts what the browser would, and checks the
/// finished record is whole and counted.
/// </summary>
public abstract class ContinueLaterTests(ParallaxAppFactory app)
{
    private const string SaveButton = "button[formaction$='handler=Save']";
    private const string SubmitButton = "button[formaction$='handler=Submit']";

    private async Task<(Guid Audit, Guid Request)> SentPoliceRequestAsync(string title)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (audit, _, requests) = await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, title, TestAudits.NewUin("CL"), app.Data.Police.Id);
        return (audit.Id, requests.Single().Id);
    }

    private async Task<AuditReturn> StoredAsync(Guid request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditReturns.AsNoTracking()
            .Include(r => r.Answers).Include(r => r.Judgements).SingleAsync(r => r.Id == request);
    }

    [Fact]
    public async Task AReturnSavedInThreeSittings_IsSubmittedAndCounted()
    {
        var (audit, request) = await SentPoliceRequestAsync("Three sittings audit");
        var url = $"/returns/{request}";

        // Monday: the first question, then "Save and come back later".
        var monday = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var first = await monday.OpenFormAsync(url + "?all=true", SaveButton);
        var saved = await first.Set(AnswerFields.Value("TT1"), AnswerFields.Yes).PostAsync(monday);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // Tuesday, a new session: the page shows Monday's answer; two more questions, saved with the button.
        var tuesday = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var second = await tuesday.OpenFormAsync(url + "?all=true", SaveButton);
        Assert.Equal(AnswerFields.Yes, second[AnswerFields.Value("TT1")]);
        var more = await second.Set(AnswerFields.Value("TT2"), AnswerFields.No).Set(AnswerFields.Comment("TT2"), "Not seen at the strategy meeting")
            .Set(AnswerFields.Value("TT3"), AnswerFields.Yes).PostAsync(tuesday);
        Assert.True(more.StatusCode == HttpStatusCode.Redirect, await FirstErrorAsync(more));
        Assert.Equal(3, (await StoredAsync(request)).Answers.Count);

        // Wednesday: autosave takes the next answers, then the judgements and Submit finish it.
        var wednesday = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var third = await wednesday.OpenFormAsync(url + "?all=true", SubmitButton);
        third.Set(AnswerFields.Value("TT4"), AnswerFields.Yes).Set(AnswerFields.Value("TT5"), AnswerFields.Yes);
        var autosave = new HttpRequestMessage(HttpMethod.Post, $"{url}?handler=Autosave") { Content = new FormUrlEncodedContent(third.Fields) };
        autosave.Headers.Add("X-Requested-With", "parallax");
        var autosaved = await wednesday.SendAsync(autosave);
        Assert.Equal(HttpStatusCode.OK, autosaved.StatusCode);
        Assert.Equal(5, (await StoredAsync(request)).Answers.Count);

        // The version moved on with the autosave: the page would carry the new one, as the script does.
        third.Set("Expected", JsonDocument.Parse(await autosaved.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetString()!);
        var version = await Version(request);
        foreach (var judgement in new[] { AnswerFields.AgencyJudgement, AnswerFields.Judgement(version.Sections.Single().Id) })
            third.Set(judgement, "Good").Set($"{judgement}-reason", "Information was shared on the day");
        var submitted = await third.Set(AnswerFields.Value("TT6"), AnswerFields.Yes).PostAsync(wednesday);
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, await FirstErrorAsync(submitted));

        var stored = await StoredAsync(request);
        Assert.Equal(6, stored.Answers.Count);
        Assert.NotNull(stored.SubmittedAt);
        await using var scope = app.Services.CreateAsyncScope();
        var figures = (await scope.ServiceProvider.GetRequiredService<AuditStatistics>().ComputeAsync(app.Data.Partnership.Id, audit))!;
        Assert.Equal(1, figures.Returns.Submitted);
        Assert.Equal(new AnswerCounts(0, 1, 0), figures.Questions.Single(q => q.Code == "TT2").Counts);
        Assert.Equal(new AnswerCounts(1, 0, 0), figures.Questions.Single(q => q.Code == "TT6").Counts);
    }

    [Fact]
    public async Task ASavedReturn_ReopenedAndSavedUnchanged_KeepsEveryAnswer()
    {
        var (_, request) = await SentPoliceRequestAsync("Unchanged save audit");
        var url = $"/returns/{request}";
        var browser = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        await (await browser.OpenFormAsync(url + "?all=true", SaveButton)).Set(AnswerFields.Value("TT1"), AnswerFields.No)
            .Set(AnswerFields.Comment("TT1"), "Line one\nline two").Set(AnswerFields.GoodPractice, "Prompt referral").PostAsync(browser);
        var before = await DatabaseSnapshot.TakeAsync(app.Services);

        var again = await (await browser.OpenFormAsync(url + "?all=true", SaveButton)).PostAsync(browser);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await before.AssertUnchangedAsync(app.Services);
    }

    [Fact]
    public async Task AChronologyBuiltOverThreeSittings_IsSubmittedWhole()
    {
        Guid requestId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var opening = scope.ServiceProvider.GetRequiredService<Parallax.Core.Reviews.ReviewOpening>();
            var review = await opening.CreateAsync(app.Data.Partnership.Id, new Parallax.Core.Reviews.ReviewInput(Parallax.Core.Reviews.ReviewKind.RapidReview,
                "Child CL", "injury to a baby", new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 2), new DateOnly(2024, 6, 1), new DateOnly(2025, 11, 1),
                TestAudits.NewUin("CR"), "PX", 0, Parallax.Core.Cases.Sex.Female, Parallax.Core.Cases.LevelOfNeed.ChildInNeed,
                [new Parallax.Core.Cases.HouseholdInput(Parallax.Core.Cases.HouseholdRole.Mother, "MN")]), "lead");
            await opening.AddAgencyAsync(review, app.Data.Police.Id);
            await app.SendRequestsOnAsync(review.Id, new DateOnly(2025, 11, 3), 10);
            requestId = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ChronologyRequests.Where(r => r.ReviewId == review.Id).Select(r => r.Id).SingleAsync();
        }

        var url = $"/chronologies/{requestId}";
        var first = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var added = await (await first.OpenFormAsync($"{url}/events/new", "button[type=submit]"))
            .Set("Date", "June 2025").Set("Text", "Officers attended a reported argument at the home").PostAsync(first);
        Assert.True(added.StatusCode == HttpStatusCode.Redirect, await FirstErrorAsync(added));

        // Another day: a second event, and the first one corrected.
        // Its words suggest no type, so the auditor ticks one.
        var second = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var newEvent = await second.OpenFormAsync($"{url}/events/new", "button[type=submit]");
        var concern = (await second.GetDocumentAsync($"{url}/events/new")).QuerySelectorAll("input[name=TypeIds]")
            .Single(i => i.ParentElement!.QuerySelector("label")!.TextContent.Trim() == "Contact or concern").GetAttribute("value")!;
        var more = await newEvent.Set("Date", "14/09/2025").Set("Time", "22:10").Set("Text", "A neighbour reported shouting and a baby crying")
            .Tick("TypeIds", concern).PostAsync(second);
        Assert.True(more.StatusCode == HttpStatusCode.Redirect, await FirstErrorAsync(more));
        Guid firstEvent;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            firstEvent = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ChronologyEvents
                .Where(e => e.RequestId == requestId && e.Text.StartsWith("Officers")).Select(e => e.Id).SingleAsync();
        }

        var corrected = await (await second.OpenFormAsync($"{url}/events/{firstEvent}", "button[type=submit]")).Set("SourceReference", "Log 4471").PostAsync(second);
        Assert.True(corrected.StatusCode == HttpStatusCode.Redirect, await FirstErrorAsync(corrected));

        // A third sitting: the suggested event types confirmed, then submitted.
        var third = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var confirmed = await (await third.OpenFormAsync(url, "form[action*='handler=Confirm'] button")).PostAsync(third);
        Assert.True(confirmed.StatusCode == HttpStatusCode.Redirect, await FirstErrorAsync(confirmed));
        var submitted = await (await third.OpenFormAsync(url, "form[action*='handler=Submit'] button")).PostAsync(third);
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, await FirstErrorAsync(submitted));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var request = await db.ChronologyRequests.AsNoTracking().SingleAsync(r => r.Id == requestId);
            Assert.Equal(Parallax.Core.Reviews.ChronologyStatus.Submitted, request.Status);
            var events = await db.ChronologyEvents.AsNoTracking().Where(e => e.RequestId == requestId).OrderBy(e => e.StartsOn).ToListAsync();
            Assert.Equal(["Officers attended a reported argument at the home", "A neighbour reported shouting and a baby crying"], events.Select(e => e.Text));
            Assert.Equal("Log 4471", events[0].SourceReference);
            Assert.Equal(Parallax.Core.Reviews.DatePrecision.Month, events[0].Precision);
        }
    }

    private async Task<ToolVersion> Version(Guid request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var auditId = await db.ReturnRequests.Where(r => r.Id == request).Select(r => r.AuditId).SingleAsync();
        var versionId = await db.Audits.Where(a => a.Id == auditId).Select(a => a.ToolVersionId).SingleAsync();
        return await db.ToolVersions.Include(v => v.Sections).SingleAsync(v => v.Id == versionId);
    }

    private static async Task<string> FirstErrorAsync(HttpResponseMessage response)
    {
        var page = await response.ReadDocumentAsync();
        return $"{(int)response.StatusCode}: " + (page.QuerySelector(".govuk-error-summary")?.TextContent.Trim() ?? "no error summary");
    }
}

public sealed class SqliteContinueLaterTests(SqliteAppFactory app) : ContinueLaterTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresContinueLaterTests(PostgresAppFactory app) : ContinueLaterTests(app), IClassFixture<PostgresAppFactory>;
