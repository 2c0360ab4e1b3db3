namespace Parallax.Tests.Returns;

public abstract class ReturnCompletionTests(ParallaxAppFactory app)
{
    /// <summary>An audit on the trigger-trio tool with one case, sent to the police; returns the police's request.</summary>
    private async Task<(Guid Request, ToolVersion Tool)> SentRequestAsync(string uin)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var partnership = app.Data.Partnership.Id;
        var (audit, _, requests) = await TestAudits.SentAsync(s, partnership, "Completion audit", uin, app.Data.Police.Id);
        var request = requests.Single();
        var version = await s.GetRequiredService<ParallaxDbContext>().ToolVersions.Include(v => v.Sections).ThenInclude(x => x.Questions).SingleAsync(v => v.Id == audit.ToolVersionId);
        return (request.Id, version);
    }

    private static Dictionary<string, string> Complete(ToolVersion tool, string comment = "Seen with mum (AB); plan reviewed on time.")
    {
        var section = tool.Sections.Single();
        var form = section.Questions.ToDictionary(q => AnswerFields.Value(q.Code), _ => "yes");
        form[AnswerFields.Comment("TT1")] = comment;
        form[AnswerFields.Judgement(section.Id)] = "Good";
        form[AnswerFields.JudgementReason(section.Id)] = "Risks recognised and shared in time";
        form[AnswerFields.AgencyJudgement] = "Good";
        form[AnswerFields.AgencyJudgement + "-reason"] = "Consistent practice";
        return form;
    }

    private async Task<ReturnStatus> StatusAsync(Guid request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ReturnRequests.SingleAsync(r => r.Id == request)).Status;
    }

    private static string Expected(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("input[name=Expected]")?.GetAttribute("value") ?? "";

    [Fact]
    public async Task SaveDraft_KeepsTheAnswersAndMarksTheReturnInProgress()
    {
        var (request, _) = await SentRequestAsync("RC-1");
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var url = $"/returns/{request}";

        var saved = await police.SubmitFormAsync($"{url}?handler=Save", new() { ["Expected"] = "", [AnswerFields.Value("TT2")] = "no", [AnswerFields.Comment("TT2")] = "No record of the child's view" }, formUrl: url);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await police.GetDocumentAsync(url + "?all=true");
        Assert.True(page.QuerySelector($"#{AnswerFields.Value("TT2")}-1")!.HasAttribute("checked"));
        Assert.Equal("No record of the child's view", page.QuerySelector($"#{AnswerFields.Comment("TT2")}")!.TextContent);
        Assert.Equal(ReturnStatus.InProgress, await StatusAsync(request));
    }

    [Fact]
    public async Task Submit_Incomplete_ListsTheProblemsAndDoesNotSubmit()
    {
        var (request, _) = await SentRequestAsync("RC-2");
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);

        var response = await police.SubmitFormAsync($"/returns/{request}?handler=Submit", new() { ["Expected"] = "" }, formUrl: $"/returns/{request}");

        var first = (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary a");
        Assert.Equal(("#q-tt1", "Select yes, no or not applicable for TT1"), (first?.GetAttribute("href"), first?.TextContent.Trim()));
        Assert.Equal(ReturnStatus.InProgress, await StatusAsync(request));
    }

    [Fact]
    public async Task Submit_WithANameInAComment_AsksToReplaceItThenAcceptsAConfirmedFalsePositive()
    {
        var (request, tool) = await SentRequestAsync("RC-3");
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var url = $"/returns/{request}";
        var form = Complete(tool, comment: "Mrs Smith did not attend the core group.");
        form["Expected"] = "";

        var flagged = await police.SubmitFormAsync($"{url}?handler=Submit", form, formUrl: url);

        var page = await flagged.ReadDocumentAsync();
        var link = page.QuerySelector(".govuk-error-summary a");
        Assert.Equal("#q-tt1-comment", link?.GetAttribute("href"));
        Assert.StartsWith("\"Mrs Smith\": This looks like a person's name", link?.TextContent.Trim());
        Assert.Equal(ReturnStatus.InProgress, await StatusAsync(request));

        form["Expected"] = Expected(page);
        form["ConfirmIdentifiers"] = "true";
        var submitted = await police.SubmitFormAsync($"{url}?handler=Submit", form, formUrl: url);

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(ReturnStatus.Submitted, await StatusAsync(request));
        var readOnly = await police.GetDocumentAsync(url + "?all=true");
        Assert.NotNull(readOnly.QuerySelector("#submitted"));
        Assert.NotNull(readOnly.QuerySelector("fieldset[disabled]"));
    }

    [Fact]
    public async Task Submit_WithAHomeAddressInAComment_IsHeldUntilTheAuditorTakesItOut()
    {
        var (request, tool) = await SentRequestAsync("RC-3A");
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var url = $"/returns/{request}";
        var form = Complete(tool, comment: "Officers visited the family at 12 Acacia Road twice.");
        form["Expected"] = "";

        var flagged = await police.SubmitFormAsync($"{url}?handler=Submit", form, formUrl: url);

        var page = await flagged.ReadDocumentAsync();
        var link = page.QuerySelector(".govuk-error-summary a");
        Assert.Equal("#q-tt1-comment", link?.GetAttribute("href"));
        Assert.StartsWith("\"12 Acacia Road\": This looks like a home address", link?.TextContent.Trim());
        Assert.Equal("Officers visited the family at 12 Acacia Road twice.", page.QuerySelector("textarea#q-tt1-comment")?.TextContent.Trim());
        Assert.Equal(ReturnStatus.InProgress, await StatusAsync(request));

        // The auditor takes the address out, as the sentence says, without ticking the confirmation: it goes.
        var fixedForm = Complete(tool, comment: "Officers visited the family at home twice.");
        fixedForm["Expected"] = Expected(page);
        var submitted = await police.SubmitFormAsync($"{url}?handler=Submit", fixedForm, formUrl: url);

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(ReturnStatus.Submitted, await StatusAsync(request));
    }

    [Fact]
    public async Task AReturnPastItsDueDate_SaysItIsOverdue_AndThatItCanStillBeSubmitted()
    {
        var (request, tool) = await SentRequestAsync("RC-OD");
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var url = $"/returns/{request}";
        var onTime = (await police.GetDocumentAsync(url)).QuerySelector("#due")!;
        Assert.StartsWith("Due ", onTime.TextContent.Trim());
        Assert.Null(onTime.QuerySelector(".govuk-warning-text__icon"));

        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ReturnRequests.Where(r => r.Id == request)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.DueOn, due));
        }

        var page = await police.GetDocumentAsync(url);
        var warning = page.QuerySelector("#due.govuk-warning-text")!.TextContent;
        Assert.Contains($"This return is overdue: it was due on {due:dddd d MMMM yyyy}. You can still complete and submit it", warning);
        var form = Complete(tool);
        form["Expected"] = Expected(page);
        Assert.Equal(HttpStatusCode.Redirect, (await police.SubmitFormAsync($"{url}?handler=Submit", form, formUrl: url)).StatusCode);
        Assert.Equal(ReturnStatus.Submitted, await StatusAsync(request));
        Assert.Null((await police.GetDocumentAsync(url)).QuerySelector("#due.govuk-warning-text"));
    }

    [Fact]
    public async Task Submitted_CannotBeChangedByTheAgency()
    {
        var (request, tool) = await SentRequestAsync("RC-4");
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var url = $"/returns/{request}";
        var form = Complete(tool);
        form["Expected"] = "";
        await police.SubmitFormAsync($"{url}?handler=Submit", form, formUrl: url);

        // A crafted post with a token from another page.
        var token = (await police.GetDocumentAsync("/account/two-factor/set-up")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var change = await police.PostAsync($"{url}?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, [AnswerFields.Value("TT1")] = "no",
        }));

        Assert.Contains("has been submitted and can no longer be changed", (await change.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);
        Assert.Equal(ReturnStatus.Submitted, await StatusAsync(request));
    }

    [Fact]
    public async Task TwoTabs_TheStaleSaveIsToldAndOverwritesNothing()
    {
        var (request, _) = await SentRequestAsync("RC-5");
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var url = $"/returns/{request}";
        await police.SubmitFormAsync($"{url}?handler=Save", new() { ["Expected"] = "", [AnswerFields.Comment("TT1")] = "first" }, formUrl: url);
        var tabA = Expected(await police.GetDocumentAsync(url + "?all=true"));

        var tabB = tabA;

        var saveA = await police.SubmitFormAsync($"{url}?handler=Save", new() { ["Expected"] = tabA, [AnswerFields.Comment("TT1")] = "from tab A" }, formUrl: url);
        Assert.True(saveA.StatusCode == HttpStatusCode.Redirect, $"tab A: {tabA} -> {(await saveA.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent}");
        var stale = await police.SubmitFormAsync($"{url}?handler=Save", new() { ["Expected"] = tabB, [AnswerFields.Comment("TT1")] = "from tab B" }, formUrl: url);

        Assert.Contains("saved from another window", (await stale.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);
        Assert.Equal("from tab A", (await police.GetDocumentAsync(url + "?all=true")).QuerySelector($"#{AnswerFields.Comment("TT1")}")!.TextContent);
    }

    [Fact]
    public async Task AnotherAgencysReturn_IsNotFound_AndNonAuditorsAreForbidden()
    {
        var (request, _) = await SentRequestAsync("RC-6");
        var school = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/returns/{request}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await school.SubmitFormAsync($"/returns/{request}?handler=Save", new() { ["Expected"] = "" }, formUrl: "/account/two-factor/set-up")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/returns/{request}")).StatusCode);
    }
}

public sealed class ReturnCompletionTestsSqlite(SqliteAppFactory app) : ReturnCompletionTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ReturnCompletionTestsPostgres(PostgresAppFactory app) : ReturnCompletionTests(app), IClassFixture<PostgresAppFactory>;
