namespace Parallax.Tests.Analysis;

/// <summary>Queries through the real pages: raised on the compiled returns, answered by the agency, closed by whoever raised them.</summary>
public abstract class QueryTests(ParallaxAppFactory app)
{
    /// <summary>One case asked of the police (who submit) and the school (who do not).</summary>
    private async Task<(Guid Audit, Guid Case, Guid Police, Guid School)> CaseAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var (audit, @case, requests) = await TestAudits.SentAsync(services, app.Data.Partnership.Id, "Query audit", TestAudits.NewUin("QY"), app.Data.Police.Id, app.Data.School.Id);
        var police = requests.Single(r => r.AgencyId == app.Data.Police.Id);
        var completion = services.GetRequiredService<ReturnCompletion>();
        var context = (await completion.LoadAsync(app.Data.Partnership.Id, app.Data.Police.Id, police.Id))!;
        var section = context.ToolVersion.Sections.Single();
        var answers = new ToolAnswers { AgencyJudgement = new JudgementAnswer(Grade.Good, null, "R"), SectionJudgements = { [section.Id] = new JudgementAnswer(Grade.Good, null, "R") } };
        foreach (var q in section.Questions) answers.Questions[q.Code] = new QuestionAnswer(AnswerFields.Yes);
        Assert.True((await completion.SubmitAsync(context, null, answers, true, "test")).Result.Submitted);
        return (audit.Id, @case.Id, police.Id, requests.Single(r => r.AgencyId == app.Data.School.Id).Id);
    }

    private async Task<ReturnQuery> QueryAsync(Guid request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ReturnQueries.Include(q => q.Messages).AsNoTracking().SingleAsync(q => q.RequestId == request);
    }

    [Fact]
    public async Task AQuery_IsRaisedAnsweredAndClosed_WithItsHistoryKept()
    {
        var (audit, @case, police, _) = await CaseAsync();
        var compiled = $"/audits/{audit}/cases/{@case}/compiled";
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var raised = await lead.SubmitFormAsync(compiled + "?handler=Raise", new() { ["RequestId"] = police.ToString(), ["QuestionCode"] = "TT2", ["QueryText"] = "Which plan does this refer to?" }, formUrl: compiled);
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        Assert.Contains("1 query not closed", (await lead.GetDocumentAsync($"/audits/{audit}/returns")).QuerySelector("#open-queries")!.TextContent);

        // The police see it in My returns and on the return; the school sees nothing of it.
        var policeBrowser = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        Assert.Contains("1 query to answer", (await policeBrowser.GetDocumentAsync("/returns")).QuerySelector("#my-returns")!.TextContent);
        var query = await QueryAsync(police);
        var returnPage = $"/returns/{police}";
        Assert.Contains("Which plan does this refer to?", (await policeBrowser.GetDocumentAsync(returnPage)).QuerySelector("#queries")!.ParentElement!.TextContent);
        var school = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        Assert.DoesNotContain("query", (await school.GetDocumentAsync("/returns")).QuerySelector("main")!.TextContent);

        // A reply over the limit is refused with its length, and the page keeps every character typed.
        var tooLong = "The plan of March. " + new string('x', ReturnQueries.MaxText);
        var refusedReply = await (await policeBrowser.SubmitFormAsync($"{returnPage}?handler=Reply&queryId={query.Id}", new() { [$"reply-{query.Id:N}"] = tooLong }, formUrl: returnPage)).ReadDocumentAsync();
        Assert.Contains("Your reply must be 4,000 characters or fewer: it has 4,019", refusedReply.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(tooLong, refusedReply.QuerySelector($"textarea#reply-{query.Id:N}")!.TextContent);
        Assert.Equal(QueryStatus.Open, (await QueryAsync(police)).Status);

        var reply = await policeBrowser.SubmitFormAsync($"{returnPage}?handler=Reply&queryId={query.Id}", new() { [$"reply-{query.Id:N}"] = "The child protection plan of March." }, formUrl: returnPage);
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.Equal(QueryStatus.Answered, (await QueryAsync(police)).Status);

        // A panel member cannot close the lead's query; the lead can.
        var panelBrowser = await app.SignedInBrowserAsync(TestPartnership.Panel);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var stored = await db.Audits.SingleAsync(a => a.Id == audit);
            stored.ReturnsDueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
            await db.SaveChangesAsync();
        }

        var refused = await panelBrowser.SubmitFormAsync($"{compiled}?handler=Close&queryId={query.Id}", [], formUrl: compiled);
        Assert.Contains("Only the person who raised this query can close it", (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        await lead.SubmitFormAsync($"{compiled}?handler=Close&queryId={query.Id}", [], formUrl: compiled);
        var closed = await QueryAsync(police);
        Assert.Equal(QueryStatus.Closed, closed.Status);
        Assert.Equal(["Which plan does this refer to?", "The child protection plan of March."], closed.Messages.OrderBy(m => m.At).Select(m => m.Text));

        var late = await policeBrowser.PostAsync($"{returnPage}?handler=Reply&queryId={query.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            // The closed query has no reply form any more; the token is the page's own (from its sign-out form).
            ["__RequestVerificationToken"] = (await policeBrowser.GetDocumentAsync(returnPage)).QuerySelector("form[action='/sign-out'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            [$"reply-{query.Id:N}"] = "Too late",
        }));
        Assert.Contains("This query is closed", (await late.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task AQueryRefused_KeepsTheAgencyAndQuestionChosen_AndNamesTheQuestionsByTheirText()
    {
        var (audit, @case, police, _) = await CaseAsync();
        var compiled = $"/audits/{audit}/cases/{@case}/compiled";
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var refused = await (await lead.SubmitFormAsync(compiled + "?handler=Raise", new() { ["RequestId"] = police.ToString(), ["QuestionCode"] = "TT2", ["QueryText"] = "" }, formUrl: compiled)).ReadDocumentAsync();

        Assert.Contains("Enter the query for the agency", refused.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(police.ToString(), refused.QuerySelector("#RequestId option[selected]")?.GetAttribute("value"));
        var question = refused.QuerySelector("#QuestionCode option[selected]");
        Assert.Equal("TT2", question?.GetAttribute("value"));
        Assert.StartsWith("TT2: ", question!.TextContent);
        Assert.True(question.TextContent.Length > "TT2: ".Length + 10);
    }

    [Fact]
    public async Task AQueryOnAnUnsubmittedReturn_IsRefused()
    {
        var (audit, @case, _, school) = await CaseAsync();
        var compiled = $"/audits/{audit}/cases/{@case}/compiled";
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var response = await lead.SubmitFormAsync(compiled + "?handler=Raise", new() { ["RequestId"] = school.ToString(), ["QueryText"] = "Where is your return?" }, formUrl: compiled);

        Assert.Contains("Queries can only be raised on a submitted return", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().ReturnQueries.AnyAsync(q => q.RequestId == school));
    }

    [Fact]
    public async Task AnotherAgency_CannotReplyToAQueryOnTheirReturn()
    {
        var (audit, @case, police, school) = await CaseAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var lead = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Users.SingleAsync(u => u.Email == TestPartnership.Lead);
            await scope.ServiceProvider.GetRequiredService<ReturnQueries>().RaiseAsync(app.Data.Partnership.Id, audit, police, null, "A question", lead.Id, TestPartnership.Lead);
        }

        var query = await QueryAsync(police);
        var schoolBrowser = await app.SignedInBrowserAsync(TestPartnership.SchoolAuditor);
        var token = (await schoolBrowser.GetDocumentAsync($"/returns/{school}")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // Through its own return page, naming the police's query, and through the police's return page.
        var viaOwn = await schoolBrowser.PostAsync($"/returns/{school}?handler=Reply&queryId={query.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, [$"reply-{query.Id:N}"] = "x" }));
        var viaTheirs = await schoolBrowser.PostAsync($"/returns/{police}?handler=Reply&queryId={query.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, [$"reply-{query.Id:N}"] = "x" }));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (viaOwn.StatusCode, viaTheirs.StatusCode));
        Assert.Single((await QueryAsync(police)).Messages);
    }
}

public sealed class SqliteQueryTests(SqliteAppFactory app) : QueryTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresQueryTests(PostgresAppFactory app) : QueryTests(app), IClassFixture<PostgresAppFactory>;
