namespace Parallax.Tests.Privacy;

/// <summary>
/// Every free text that leaves its author's agency goes through the identifiable-data check
/// (panel records, findings, queries and replies, action progress), refused with a sentence naming the text,
/// nothing stored; where the caller confirms a false positive it is kept. Fictional names only.
/// </summary>
public abstract class IdentifiableTextTests(ParallaxAppFactory app)
{
    private const string Identifying = "Seen by Mrs Testerton at the home, phone 07700 900123.";

    private Guid Partnership => app.Data.Partnership.Id;

    [Fact]
    public async Task PanelRecord_WithAPhoneNumberInThePenPicture_IsRefusedWithASentence_UnlessConfirmed()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var (audit, @case, _) = await TestAudits.SentAsync(s, Partnership, "Panel privacy", TestAudits.NewUin("PP"), app.Data.Police.Id);
        var panel = s.GetRequiredService<PanelRecords>();

        var refused = await Assert.ThrowsAsync<DomainException>(() => panel.SaveAsync(Partnership, audit.Id, @case.Id, null,
            new PanelCaseInput(null, Identifying, null, null, null, null, null, null), "lead"));
        Assert.Equal(nameof(PanelCaseInput.PenPicture), refused.Field);
        Assert.StartsWith("The pen picture looks like it identifies someone: \"Mrs Testerton\"", refused.Message);
        Assert.Null(await panel.FindAsync(audit.Id, @case.Id));

        await panel.SaveAsync(Partnership, audit.Id, @case.Id, null, new PanelCaseInput(null, "Child (AB), 7, lives with mum (CD).", null, null, "Learning for Mr Jones's school", null, null, null, ConfirmedNotIdentifying: true), "lead");
        Assert.NotNull(await panel.FindAsync(audit.Id, @case.Id));
    }

    [Fact]
    public async Task Finding_WithAnIdentifyingText_IsRefusedOnAddAndChange()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var (audit, @case, _) = await TestAudits.SentAsync(s, Partnership, "Finding privacy", TestAudits.NewUin("FP"), app.Data.Police.Id);
        var findings = s.GetRequiredService<AuditFindings>();
        var theme = (await findings.ThemesAsync(Partnership)).First();
        FindingInput Input(string text) => new(FindingKind.AreaForImprovement, FindingScope.WiderSystem, null, theme.Id, text, [@case.Id]);

        var refused = await Assert.ThrowsAsync<DomainException>(() => findings.AddAsync(Partnership, audit.Id, Input(Identifying)));
        Assert.Equal(nameof(FindingInput.Text), refused.Field);
        Assert.Contains("\"Mrs Testerton\"", refused.Message);
        Assert.False(await findings.ForAudit(audit.Id).AnyAsync());

        var finding = await findings.AddAsync(Partnership, audit.Id, Input("Fathers were not seen by agencies."));
        await Assert.ThrowsAsync<DomainException>(() => findings.UpdateAsync(Partnership, audit.Id, finding.Id, finding.Version, Input("Fathers were not seen; see NE1 4XF.")));
        Assert.Equal("Fathers were not seen by agencies.", (await findings.ForAudit(audit.Id).AsNoTracking().SingleAsync()).Text);
    }

    [Fact]
    public async Task QueryAndReply_WithIdentifyingText_AreRefusedWithASentence()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var (audit, _, requests) = await TestAudits.SentAsync(s, Partnership, "Query privacy", TestAudits.NewUin("QP"), app.Data.Police.Id);
        var police = requests.Single();
        var completion = s.GetRequiredService<ReturnCompletion>();
        var context = (await completion.LoadAsync(Partnership, app.Data.Police.Id, police.Id))!;
        var section = context.ToolVersion.Sections.Single();
        var answers = new ToolAnswers { AgencyJudgement = new JudgementAnswer(Grade.Good, null, "R"), SectionJudgements = { [section.Id] = new JudgementAnswer(Grade.Good, null, "R") } };
        foreach (var q in section.Questions) answers.Questions[q.Code] = new QuestionAnswer(AnswerFields.Yes);
        Assert.True((await completion.SubmitAsync(context, null, answers, true, "test")).Result.Submitted);
        var queries = s.GetRequiredService<ReturnQueries>();
        var db = s.GetRequiredService<ParallaxDbContext>();
        var lead = await db.Users.Where(u => u.Email == TestPartnership.Lead).Select(u => u.Id).SingleAsync();

        var raise = await Assert.ThrowsAsync<DomainException>(() => queries.RaiseAsync(Partnership, audit.Id, police.Id, null, "Is this about Mrs Testerton?", lead, "lead"));
        Assert.StartsWith("The query looks like it identifies someone: \"Mrs Testerton\"", raise.Message);
        Assert.False(await db.ReturnQueries.AnyAsync(q => q.RequestId == police.Id));

        var query = await queries.RaiseAsync(Partnership, audit.Id, police.Id, null, "Which plan does this refer to?", lead, "lead");
        var reply = await Assert.ThrowsAsync<DomainException>(() => queries.ReplyAsync(Partnership, app.Data.Police.Id, query.Id, "Ring 07700 900123 for the plan.", "police"));
        Assert.StartsWith("Your reply looks like it identifies someone", reply.Message);
        Assert.Single(await db.Set<ReturnQueryMessage>().AsNoTracking().Where(m => m.QueryId == query.Id).ToListAsync());
    }

    [Fact]
    public async Task ActionProgress_WithAnIdentifyingNote_IsRefused_UnlessConfirmed()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var action = await TestAudits.PoliceActionAsync(scope.ServiceProvider, app.Data, "Action privacy", TestAudits.NewUin("AP"), DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(3));
        var plans = scope.ServiceProvider.GetRequiredService<ActionPlans>();

        var refused = await Assert.ThrowsAsync<DomainException>(() => plans.ReportAsync(Partnership, action.Id, app.Data.Police.Id, new ProgressInput(ActionProgress.OnTrack, Identifying, [], []), "police"));
        Assert.Equal(nameof(ProgressInput.Note), refused.Field);
        Assert.StartsWith("The progress update looks like it identifies someone", refused.Message);
        Assert.Empty(await plans.UpdatesAsync(action.Id));

        await plans.ReportAsync(Partnership, action.Id, app.Data.Police.Id, new ProgressInput(ActionProgress.OnTrack, "Briefed by Dr Testerton's team", [], [], ConfirmedNotIdentifying: true), "police");
        Assert.Single(await plans.UpdatesAsync(action.Id));
    }
}

/// <summary>
/// The same confirm-a-false-positive step as the return form on the pages: the panel record, a finding and an
/// action's progress are refused with the sentence and a checkbox, nothing stored; ticked, the text is kept.
/// </summary>
public abstract class IdentifiableTextPageTests(ParallaxAppFactory app)
{
    private const string Flagged = "Learning shared with Mr Testerton's team.";

    private Guid Partnership => app.Data.Partnership.Id;

    /// <summary>Posts the form with the flagged text, expects the refusal and the checkbox, then ticks it and posts again.</summary>
    private static async Task<HttpResponseMessage> RefusedThenConfirmedAsync(HttpClient browser, string url, string button, string field, Action<BrowserForm>? fill = null)
    {
        var form = await browser.OpenFormAsync(url, button);
        Assert.Null(form["ConfirmIdentifiers"]);
        fill?.Invoke(form);
        var refused = await form.Set(field, Flagged).PostAsync(browser);
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        var summary = page.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.True(summary.Contains("looks like it identifies someone: \"Mr Testerton", StringComparison.Ordinal), summary);
        Assert.NotNull(page.QuerySelector("main input#ConfirmIdentifiers[type=checkbox][name=ConfirmIdentifiers]"));
        Assert.Equal("ConfirmIdentifiers", page.QuerySelector("label[for=ConfirmIdentifiers]")!.GetAttribute("for"));
        return await BrowserForm.Read(page, url, button).Tick("ConfirmIdentifiers", "true").PostAsync(browser);
    }

    [Fact]
    public async Task PanelRecordPage_OffersToConfirmAFalsePositive_AndThenSaves()
    {
        Guid audit, @case;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sent = await TestAudits.SentAsync(scope.ServiceProvider, Partnership, "Panel page privacy", TestAudits.NewUin("PQ"), app.Data.Police.Id);
            (audit, @case) = (sent.Audit.Id, sent.Case.Id);
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/cases/{@case}/panel";
        var before = await StoredPanelAsync(audit, @case);
        Assert.Null(before);

        var saved = await RefusedThenConfirmedAsync(lead, url, "button[type=submit]", "Learning");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Flagged, (await StoredPanelAsync(audit, @case))!.Learning);
    }

    private async Task<PanelCaseRecord?> StoredPanelAsync(Guid audit, Guid @case)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PanelRecords>().FindAsync(audit, @case);
    }

    [Fact]
    public async Task FindingsPage_OffersToConfirmAFalsePositive_AndThenAdds()
    {
        Guid audit, @case, theme;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sent = await TestAudits.SentAsync(scope.ServiceProvider, Partnership, "Finding page privacy", TestAudits.NewUin("FQ"), app.Data.Police.Id);
            (audit, @case) = (sent.Audit.Id, sent.Case.Id);
            theme = (await scope.ServiceProvider.GetRequiredService<AuditFindings>().ThemesAsync(Partnership)).First().Id;
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var saved = await RefusedThenConfirmedAsync(lead, $"/audits/{audit}/findings", "form[action*=Add] button[type=submit]", "Text", form => form
            .Set("Kind", nameof(FindingKind.AreaForImprovement)).Set("Scope", nameof(FindingScope.WiderSystem)).Set("ThemeId", theme.ToString()).Tick("CaseIds", @case.ToString()));

        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Equal(Flagged, (await scope.ServiceProvider.GetRequiredService<AuditFindings>().ForAudit(audit).AsNoTracking().SingleAsync()).Text);
    }

    [Fact]
    public async Task ActionProgressPage_OffersToConfirmAFalsePositive_AndThenSaves()
    {
        Guid action;
        await using (var scope = app.Services.CreateAsyncScope())
            action = (await TestAudits.PoliceActionAsync(scope.ServiceProvider, app.Data, "Progress page privacy", TestAudits.NewUin("AQ"), DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(3))).Id;

        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var saved = await RefusedThenConfirmedAsync(police, $"/my-actions/{action}", "button[type=submit]", "Note", form => form.Set("Progress", nameof(ActionProgress.OnTrack)));

        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Equal(Flagged, (await scope.ServiceProvider.GetRequiredService<ActionPlans>().UpdatesAsync(action)).Single().Note);
    }
}

public sealed class SqliteIdentifiableTextPageTests(SqliteAppFactory app) : IdentifiableTextPageTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresIdentifiableTextPageTests(PostgresAppFactory app) : IdentifiableTextPageTests(app), IClassFixture<PostgresAppFactory>;

public sealed class SqliteIdentifiableTextTests(SqliteAppFactory app) : IdentifiableTextTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresIdentifiableTextTests(PostgresAppFactory app) : IdentifiableTextTests(app), IClassFixture<PostgresAppFactory>;
