namespace Parallax.Tests.Web;

/// <summary>
/// Every page that edits a saved record, opened on a record that already holds data: pressing Save without
/// changing anything stores exactly what was there (the whole database is compared, not only the record), and
/// changing one field changes that field and nothing else. The form is posted as the browser would post the
/// page's own markup, so a box the page forgets to tick, or a value it shows differently from how it stores
/// it, fails here.
/// </summary>
public abstract class RoundTripTests(ParallaxAppFactory app)
{
    private Guid Partnership => app.Data.Partnership.Id;

    /// <summary>Opens the page, saves it unchanged, then saves it with one change, checking the database after each.</summary>
    private async Task RoundTripAsync(string user, string url, string button, Action<BrowserForm> change, params string[] expected)
    {
        var browser = await app.SignedInBrowserAsync(user);
        var before = await DatabaseSnapshot.TakeAsync(app.Services);

        var unchanged = await (await browser.OpenFormAsync(url, button)).PostAsync(browser);

        Assert.True(unchanged.StatusCode == HttpStatusCode.Redirect, $"Saving {url} unchanged: {await ErrorsAsync(unchanged)}");
        await before.AssertUnchangedAsync(app.Services);

        var form = await browser.OpenFormAsync(url, button);
        change(form);
        var changed = await form.PostAsync(browser);

        Assert.True(changed.StatusCode == HttpStatusCode.Redirect, $"Saving {url} with a change: {await ErrorsAsync(changed)}");
        await before.AssertOnlyAsync(app.Services, expected);
    }

    private static async Task<string> ErrorsAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} " + ((await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent.Trim() ?? "");

    private async Task<(Guid Audit, Case Case)> CaseWithHouseholdAsync(string title)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var audit = await TestAudits.CreateAsync(scope.ServiceProvider, Partnership, title);
        var @case = await TestAudits.AddCaseAsync(scope.ServiceProvider, Partnership, audit.Id, TestAudits.NewUin("RT"),
            new HouseholdInput(HouseholdRole.Mother, "AB"), new HouseholdInput(HouseholdRole.Father, "CD"), new HouseholdInput(HouseholdRole.StepParentOrPartner, "EF"));
        return (audit.Id, @case);
    }

    [Fact]
    public async Task Return_WithSavedAnswersAndJudgement()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (_, _, requests) = await TestAudits.SentAsync(scope.ServiceProvider, Partnership, "Round trip return", TestAudits.NewUin("RR"), app.Data.Police.Id);
        var completion = scope.ServiceProvider.GetRequiredService<Parallax.Core.Returns.ReturnCompletion>();
        var context = (await completion.LoadAsync(Partnership, app.Data.Police.Id, requests.Single().Id))!;
        await completion.SaveDraftAsync(context, null, new ToolAnswers
        {
            Questions = { ["TT1"] = new QuestionAnswer(AnswerFields.No, null, "Only the mother's needs\nwere assessed"), ["TT3"] = new QuestionAnswer(AnswerFields.Yes) },
            AgencyJudgement = new JudgementAnswer(Grade.Good, "elements of RI", "Timely"),
            GoodPractice = "The school nurse escalated",
        });

        await RoundTripAsync(TestPartnership.PoliceAuditor, $"/returns/{requests.Single().Id}?all=true", "button[formaction$='handler=Save']",
            form => form.Set(AnswerFields.Value("TT3"), AnswerFields.NotApplicable), "Value");
    }

    [Fact]
    public async Task InvolvementGrid_OfAHouseholdOfFour()
    {
        var (audit, @case) = await CaseWithHouseholdAsync("Round trip involvement");
        var father = @case.Household.Single(h => h.Role == HouseholdRole.Father).Id;
        var mother = @case.Household.Single(h => h.Role == HouseholdRole.Mother).Id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Parallax.Core.Returns.ReturnRequests>().SetInvolvementAsync(Partnership, audit, @case.Id,
                [(app.Data.Police.Id, null), (app.Data.Police.Id, father), (app.Data.School.Id, null)]);
        }

        await RoundTripAsync(TestPartnership.Lead, $"/audits/{audit}/cases/{@case.Id}/agencies", "button[type=submit]",
            form => form.Tick("Known", $"{app.Data.Police.Id}:{mother}"), "added AgencyInvolvement");
    }

    [Fact]
    public async Task Case_WithItsHousehold()
    {
        var (audit, @case) = await CaseWithHouseholdAsync("Round trip case");
        var url = $"/audits/{audit}/cases/{@case.Id}/edit";

        await RoundTripAsync(TestPartnership.Lead, url, "button[type=submit]", form => form.Set("Household[1].Initials", "CE"), "Initials");

        // A new member of the household is added to the loaded case, and inserted.
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var before = await DatabaseSnapshot.TakeAsync(app.Services);
        var added = await (await browser.OpenFormAsync(url, "button[type=submit]")).Set("Household[3].Role", "Grandparent").Set("Household[3].Initials", "GM").PostAsync(browser);
        Assert.True(added.StatusCode == HttpStatusCode.Redirect, await ErrorsAsync(added));
        await before.AssertOnlyAsync(app.Services, "added HouseholdMember");
    }

    [Fact]
    public async Task Case_ChangedByAColleagueMeanwhile_IsAConflictThatOverwritesNothing()
    {
        var (audit, @case) = await CaseWithHouseholdAsync("Conflict case");
        var url = $"/audits/{audit}/cases/{@case.Id}/edit";
        var mine = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var theirs = await app.SignedInBrowserAsync(TestPartnership.Admin);
        var myForm = await mine.OpenFormAsync(url, "button[type=submit]");
        Assert.Equal(HttpStatusCode.Redirect, (await (await theirs.OpenFormAsync(url, "button[type=submit]")).Set("Area", "North locality").PostAsync(theirs)).StatusCode);

        var stale = await myForm.Set("Area", "South locality").PostAsync(mine);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone changed this case", await ErrorsAsync(stale));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal("North locality", (await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Cases.SingleAsync(c => c.Id == @case.Id)).Area);
    }

    [Fact]
    public async Task AuditTermsOfReference()
    {
        var (audit, _) = await CaseWithHouseholdAsync("Round trip terms");
        var browser = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var set = await (await browser.OpenFormAsync($"/audits/{audit}/terms", "button[type=submit]"))
            .Set("TermsOfReference", "How agencies heard the child\nand acted on what they heard").Set("LookbackRule", "12 months").PostAsync(browser);
        Assert.True(set.StatusCode == HttpStatusCode.Redirect, await ErrorsAsync(set));

        await RoundTripAsync(TestPartnership.Lead, $"/audits/{audit}/terms", "button[type=submit]", form => form.Set("Theme", "The voice of the child"), "Theme");
    }

    [Fact]
    public async Task Finding()
    {
        var (audit, @case) = await CaseWithHouseholdAsync("Round trip finding");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var findings = scope.ServiceProvider.GetRequiredService<Parallax.Core.Findings.AuditFindings>();
            var theme = (await findings.ThemesAsync(Partnership)).First();
            await findings.AddAsync(Partnership, audit, new Parallax.Core.Findings.FindingInput(Parallax.Core.Findings.FindingKind.AreaForImprovement,
                Parallax.Core.Findings.FindingScope.SingleAgency, app.Data.Police.Id, theme.Id, "Chronologies were not kept\non two of the cases", [@case.Id]));
        }

        Guid findingId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            findingId = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Findings.Where(f => f.AuditId == audit).Select(f => f.Id).SingleAsync();
        }

        await RoundTripAsync(TestPartnership.Lead, $"/audits/{audit}/findings?change={findingId}", "button[type=submit]:not(.govuk-button--secondary)",
            form => form.Set("Text", "Chronologies were not kept on two of the cases"), "Text");
    }

    [Fact]
    public async Task Recommendation()
    {
        var (audit, @case) = await CaseWithHouseholdAsync("Round trip recommendation");
        Guid recommendationId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var findings = scope.ServiceProvider.GetRequiredService<Parallax.Core.Findings.AuditFindings>();
            var theme = (await findings.ThemesAsync(Partnership)).First();
            var first = await findings.AddAsync(Partnership, audit, new Parallax.Core.Findings.FindingInput(Parallax.Core.Findings.FindingKind.AreaForImprovement,
                Parallax.Core.Findings.FindingScope.WiderSystem, null, theme.Id, "Fathers were not seen", [@case.Id]));
            var second = await findings.AddAsync(Partnership, audit, new Parallax.Core.Findings.FindingInput(Parallax.Core.Findings.FindingKind.AreaForImprovement,
                Parallax.Core.Findings.FindingScope.WiderSystem, null, theme.Id, "Plans drifted", [@case.Id]));
            recommendationId = (await scope.ServiceProvider.GetRequiredService<Parallax.Core.Actions.ActionPlans>().AddRecommendationAsync(Partnership, audit,
                new Parallax.Core.Actions.RecommendationInput("In order to see fathers,\nagencies to record who lives in the home", Parallax.Core.Actions.Addressee.Partnership, null, null,
                    Parallax.Core.Actions.Priority.High, [second.Id, first.Id]), "lead")).Id;
        }

        await RoundTripAsync(TestPartnership.Lead, $"/audits/{audit}/recommendations?change={recommendationId}", "form[action*='handler=Update'] button",
            form => form.Set("Priority", "Low"), "Priority");
    }

    [Fact]
    public async Task PanelRecord()
    {
        var (audit, @case) = await CaseWithHouseholdAsync("Round trip panel");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PanelRecords>().SaveAsync(Partnership, audit, @case.Id, null,
                new PanelCaseInput("Morning", "A four-year-old\nliving with mother", "Quick strategy discussion", "No chronology", "Keep chronologies", Grade.RequiresImprovement, null, "Drift after the first referral"), "lead");
        }

        await RoundTripAsync(TestPartnership.Lead, $"/audits/{audit}/cases/{@case.Id}/panel", "button[type=submit]",
            form => form.Set("Learning", "Keep a chronology on every open case"), "Learning", "RecordedAt", "RecordedBy");
    }

    [Fact]
    public async Task ReviewDetails_AndAChronologyEvent()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var opening = scope.ServiceProvider.GetRequiredService<ReviewOpening>();
        var writing = scope.ServiceProvider.GetRequiredService<ChronologyWriting>();
        var review = await opening.CreateAsync(Partnership, new ReviewInput(ReviewKind.PracticeReview, "Child RT", "serious injury at home",
            new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 3), new DateOnly(2024, 1, 1), new DateOnly(2025, 10, 1),
            TestAudits.NewUin("RV"), "QZ", 2, Sex.Female, LevelOfNeed.ChildInNeed, [new HouseholdInput(HouseholdRole.Mother, "AB"), new HouseholdInput(HouseholdRole.Father, "GH")]), "lead");
        await opening.AddAgencyAsync(review, app.Data.Police.Id);
        await opening.SendRequestsAsync(review, 10);

        await RoundTripAsync(TestPartnership.Lead, $"/reviews/{review.Id}/details", "button[type=submit]",
            form => form.Set("Author", "An independent reviewer"), "Author");

        var requestId = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ChronologyRequests.Where(r => r.ReviewId == review.Id).Select(r => r.Id).SingleAsync();
        var chronology = await writing.AgencyRequestAsync(Partnership, app.Data.Police.Id, requestId);
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var people = await db.Set<HouseholdMember>().Where(h => h.CaseId == review.SubjectCaseId).Select(h => h.Id).ToListAsync();
        // Typed as the auditor confirmed it (an event saved with no type is given the types its words suggest).
        var attendance = await db.ChronologyEventTypes.Where(t => t.PartnershipId == Partnership && t.Name == "Police attendance").Select(t => t.Id).SingleAsync();
        var @event = await writing.AddEventAsync(chronology, new ChronologyEventInput(
            ChronologyDates.Parse("03/2025", null, new DateOnly(2026, 1, 1)).Date!.Value, null, "Officers attended a reported argument\nbetween the parents", people, "Log 118", null, attendance, true));

        await RoundTripAsync(TestPartnership.PoliceAuditor, $"/chronologies/{requestId}/events/{@event.Id}", "button[type=submit]",
            form => form.Set("SourceReference", "Log 118/25"), "SourceReference");
    }

    [Fact]
    public async Task ToolSectionAndQuestion()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tool = await scope.ServiceProvider.GetRequiredService<ToolCatalogue>().ImportAsync(Partnership, ToolTemplates.Find("trigger-trio")!.Document);
        var version = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ToolVersions.Include(v => v.Sections).ThenInclude(s => s.Questions)
            .SingleAsync(v => v.ToolId == tool.Id && v.Number == 1);
        var section = version.Sections.Single();
        var question = section.Questions.OrderBy(q => q.Order).First();

        await RoundTripAsync(TestPartnership.Lead, $"/tools/{tool.Id}/v/1/sections/{section.Id}", "button[type=submit]",
            form => form.Set("Title", "Outcomes for the child and family"), "Title");
        await RoundTripAsync(TestPartnership.Lead, $"/tools/{tool.Id}/v/1/sections/{section.Id}/questions/{question.Id}", "button[type=submit]",
            form => form.Set("HelpText", "Name each risk"), "HelpText");
        await RoundTripAsync(TestPartnership.Lead, $"/tools/{tool.Id}/v/1", "form[action*='handler=Settings'] button",
            form => form.Untick("Settings.AsksGoodPractice", "true"), "AsksGoodPractice");
    }

    [Fact]
    public async Task PartnershipSettings()
    {
        await RoundTripAsync(TestPartnership.Admin, "/admin/settings", "button[type=submit]",
            form => form.Set("NarrativeRetentionYears", "7"), "NarrativeRetentionYears");
    }
}

public sealed class SqliteRoundTripTests(SqliteAppFactory app) : RoundTripTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresRoundTripTests(PostgresAppFactory app) : RoundTripTests(app), IClassFixture<PostgresAppFactory>;
