namespace Parallax.Tests.Returns;

/// <summary>
/// A return by its sections (decision 0056). The police auditor answers two sections, comes back
/// another day in a new session, finishes the rest, checks the answers, changes one from the summary and submits.
/// </summary>
public abstract class ReturnSectionsTests(ParallaxAppFactory app)
{
    private const string SaveAndContinue = "button[formaction$='handler=Save']";
    private const string SaveLater = "button[formaction$='handler=Later']";

    /// <summary>An audit on the JTAI-style tool (six sections and "Overall": seven pages), sent to the police.</summary>
    private async Task<(Guid Request, ToolVersion Version)> SentAsync(string title)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var partnership = app.Data.Partnership.Id;
        var audit = await TestAudits.CreateAsync(services, partnership, title, "jtai-domestic-abuse", "Domestic abuse");
        var (_, _, requests) = await TestAudits.SentAsync(services, partnership, audit, TestAudits.NewUin("RS"), app.Data.Police.Id);
        var request = requests.Single().Id;
        var version = await services.GetRequiredService<ParallaxDbContext>().ToolVersions.AsNoTracking().Include(v => v.Sections).ThenInclude(s => s.Questions).AsSplitQuery().SingleAsync(v => v.Id == audit.ToolVersionId);
        version.Sections = [.. version.Sections.OrderBy(s => s.Order)];
        return (request, version);
    }

    private static BrowserForm Fill(BrowserForm form, ToolVersion version, int number)
    {
        if (number > version.Sections.Count)
        {
            return form.Set(AnswerFields.AgencyJudgement, "Good").Set(AnswerFields.AgencyJudgement + "-reason", "Timely and shared")
                .Set(AnswerFields.PartnershipJudgement, "RequiresImprovement").Set(AnswerFields.PartnershipJudgement + "-reason", "Plans were late");
        }

        var section = version.Sections[number - 1];
        foreach (var q in section.Questions) form.Set(AnswerFields.Value(q.Code), AnswerFields.Yes);
        if (section.HasJudgement) form.Set(AnswerFields.Judgement(section.Id), "Good").Set(AnswerFields.JudgementReason(section.Id), "Seen in the records");
        return form;
    }

    private async Task<AuditReturn?> StoredAsync(Guid request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditReturns.AsNoTracking()
            .Include(r => r.Answers).Include(r => r.Judgements).SingleOrDefaultAsync(r => r.Id == request);
    }

    private static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        var page = await response.ReadDocumentAsync();
        return $"{(int)response.StatusCode}: " + (page.QuerySelector(".govuk-error-summary")?.TextContent.Trim() ?? "no error summary");
    }

    [Fact]
    public async Task TwoSectionsOneDay_TheRestAnother_CheckedChangedAndSubmitted()
    {
        var (request, version) = await SentAsync("Sections audit");
        var url = $"/returns/{request}";

        // Monday: the task list, section 1 with "Save and continue", section 2 with "Save and come back later".
        var monday = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var list = await monday.GetDocumentAsync(url);
        Assert.Equal("You have completed 0 of 7 sections.", list.QuerySelector("#progress-count")!.TextContent.Trim());
        Assert.Equal(7, list.QuerySelectorAll("#sections a[href*='/sections/']").Length);
        Assert.Contains("About 125 minutes in all", list.QuerySelector("#estimate")!.TextContent);
        var first = await Fill(await monday.OpenFormAsync($"{url}/sections/1", SaveAndContinue), version, 1).PostAsync(monday);
        Assert.True(first.StatusCode == HttpStatusCode.Redirect, await ErrorsAsync(first));
        Assert.Equal($"{url}/sections/2", first.Headers.Location!.OriginalString);
        var second = await Fill(await monday.OpenFormAsync($"{url}/sections/2", SaveLater), version, 2).PostAsync(monday);
        Assert.Equal($"{url}?saved=true", second.Headers.Location!.OriginalString);

        // Tuesday, a new session: both sections are there and completed.
        var tuesday = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        list = await tuesday.GetDocumentAsync(url);
        Assert.Equal("You have completed 2 of 7 sections.", list.QuerySelector("#progress-count")!.TextContent.Trim());
        Assert.Equal("Completed", list.QuerySelector("#section-1-status")!.TextContent.Trim());
        Assert.Equal("Completed", list.QuerySelector("#section-2-status")!.TextContent.Trim());
        Assert.Equal("Not started", list.QuerySelector("#section-3-status")!.TextContent.Trim());
        Assert.Contains("minutes left", list.QuerySelector("#estimate")!.TextContent);
        var reopened = await tuesday.OpenFormAsync($"{url}/sections/1", SaveAndContinue);
        Assert.Equal(AnswerFields.Yes, reopened[AnswerFields.Value("R1")]);

        // Save on a section without changing anything: nothing changes, no conflict, on to the first unfinished section.
        var before = await DatabaseSnapshot.TakeAsync(app.Services);
        var unchanged = await reopened.PostAsync(tuesday);
        Assert.Equal($"{url}/sections/3", unchanged.Headers.Location!.OriginalString);
        await before.AssertUnchangedAsync(app.Services);

        // Section 3 half done with "Save and continue": saved, and the errors name only section 3's questions.
        var partial = await (await tuesday.OpenFormAsync($"{url}/sections/3", SaveAndContinue)).Set(AnswerFields.Value("P1"), AnswerFields.Yes).PostAsync(tuesday);
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        var errors = (await partial.ReadDocumentAsync()).QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")!).ToList();
        var section3 = version.Sections[2];
        Assert.Equal(section3.Questions.Count - 1 + 1, errors.Count);
        Assert.All(errors, href => Assert.True(section3.Questions.Any(q => href == $"#{AnswerFields.Value(q.Code)}") || href == $"#{AnswerFields.Judgement(section3.Id)}", href));
        Assert.Contains((await StoredAsync(request))!.Answers, a => a.Code == "P1");

        // The check page before the end lists what is missing, with links, and offers no submit.
        var early = await tuesday.GetDocumentAsync($"{url}/check");
        Assert.Equal(5, early.QuerySelectorAll("#missing li a").Length);
        Assert.Null(early.QuerySelector("main form button"));

        // The rest, each "Save and continue"; the last goes to the check page.
        for (var n = 3; n <= 7; n++)
        {
            var saved = await Fill(await tuesday.OpenFormAsync($"{url}/sections/{n}", SaveAndContinue), version, n).PostAsync(tuesday);
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await ErrorsAsync(saved));
            Assert.Equal(n == 7 ? $"{url}/check" : $"{url}/sections/{n + 1}", saved.Headers.Location!.OriginalString);
        }

        // Check your answers, then change R2 from the summary: back to the summary after saving.
        var check = await tuesday.GetDocumentAsync($"{url}/check");
        Assert.Null(check.QuerySelector("#missing"));
        var change = check.QuerySelector($"#answer-{AnswerFields.Value("R2")} a")!.GetAttribute("href")!;
        Assert.Equal($"{url}/sections/1?returnTo=check#{AnswerFields.Value("R2")}", change);
        var changed = await (await tuesday.OpenFormAsync(change.Split('#')[0], SaveAndContinue))
            .Set(AnswerFields.Value("R2"), AnswerFields.No).Set(AnswerFields.Comment("R2"), "The referral did not say who lived at the home").PostAsync(tuesday);
        Assert.Equal($"{url}/check#section-1", changed.Headers.Location!.OriginalString);
        check = await tuesday.GetDocumentAsync($"{url}/check");
        Assert.Equal("No", check.QuerySelector($"#answer-{AnswerFields.Value("R2")} .govuk-summary-list__value")!.TextContent.Trim());

        // Submit without the declaration: one error. With it: the confirmation panel.
        var refused = await (await tuesday.OpenFormAsync($"{url}/check", "button[type=submit]")).PostAsync(tuesday);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(["#Declaration"], (await refused.ReadDocumentAsync()).QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        var submitted = await (await tuesday.OpenFormAsync($"{url}/check", "button[type=submit]")).Set("Declaration", "true").PostAsync(tuesday);
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, await ErrorsAsync(submitted));
        Assert.Equal($"{url}/submitted", submitted.Headers.Location!.OriginalString);
        var confirmation = await tuesday.GetDocumentAsync($"{url}/submitted");
        Assert.Equal("Return submitted", confirmation.QuerySelector(".govuk-panel__title")!.TextContent.Trim());

        var stored = (await StoredAsync(request))!;
        Assert.NotNull(stored.SubmittedAt);
        Assert.Equal(AnswerFields.No, stored.Answers.Single(a => a.Code == "R2").Value);
        Assert.Equal(version.Sections.Sum(s => s.Questions.Count), stored.Answers.Count);
    }

    [Fact]
    public async Task TwoWindowsOnDifferentSections_NoConflict_TheSameSectionChangedTwice_Conflict()
    {
        var (request, version) = await SentAsync("Two windows audit");
        var url = $"/returns/{request}";
        var browser = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var one = await browser.OpenFormAsync($"{url}/sections/1", SaveLater);
        var two = await browser.OpenFormAsync($"{url}/sections/2", SaveLater);
        var stale = await browser.OpenFormAsync($"{url}/sections/1", SaveLater);

        Assert.Equal(HttpStatusCode.Redirect, (await Fill(two, version, 2).PostAsync(browser)).StatusCode);
        var first = await one.Set(AnswerFields.Value("R1"), AnswerFields.Yes).PostAsync(browser);
        Assert.True(first.StatusCode == HttpStatusCode.Redirect, await ErrorsAsync(first));

        // The stale window on section 1 changes it again: a real conflict, and what was typed is shown again.
        var conflict = await stale.Set(AnswerFields.Value("R1"), AnswerFields.No).PostAsync(browser);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await conflict.ReadDocumentAsync();
        Assert.Contains("saved from another window", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.NotNull(page.QuerySelector($"input[name='{AnswerFields.Value("R1")}'][value='no'][checked]"));
        Assert.Equal(AnswerFields.Yes, (await StoredAsync(request))!.Answers.Single(a => a.Code == "R1").Value);
    }
}

public sealed class SqliteReturnSectionsTests(SqliteAppFactory app) : ReturnSectionsTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReturnSectionsTests(PostgresAppFactory app) : ReturnSectionsTests(app), IClassFixture<PostgresAppFactory>;
