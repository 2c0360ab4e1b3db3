namespace Parallax.Tests.Analysis;

public class DivergenceRuleTests
{
    [Theory]
    [InlineData(Grade.Good, Grade.Inadequate, true)]
    [InlineData(Grade.Outstanding, Grade.RequiresImprovement, true)]
    [InlineData(Grade.Good, Grade.RequiresImprovement, false)]
    [InlineData(Grade.Good, Grade.Good, false)]
    public void JudgementsDiverge_WhenTwoGradesOrMoreApart(Grade a, Grade b, bool diverges) =>
        Assert.Equal(diverges, CaseCollation.GradesDiverge([a, null, b]));

    [Fact]
    public void OneJudgement_NeverDiverges() => Assert.False(CaseCollation.GradesDiverge([Grade.Inadequate, null]));
}

/// <summary>The compiled returns of a case through the real page: side by side, divergence marked, and who may read it when.</summary>
public abstract class CollationReadingTests(ParallaxAppFactory app)
{
    /// <summary>One case asked of the police and the school; the police submit, and the school too unless <paramref name="schoolSubmits"/> is false.</summary>
    private async Task<(Guid Audit, Guid Case)> CaseAsync(bool schoolSubmits = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var (audit, @case, requests) = await TestAudits.SentAsync(services, app.Data.Partnership.Id, "Collated audit", TestAudits.NewUin("CV"), app.Data.Police.Id, app.Data.School.Id);
        var completion = services.GetRequiredService<ReturnCompletion>();
        foreach (var request in requests)
        {
            var police = request.AgencyId == app.Data.Police.Id;
            if (!police && !schoolSubmits) continue;
            var context = (await completion.LoadAsync(app.Data.Partnership.Id, request.AgencyId, request.Id))!;
            var section = context.ToolVersion.Sections.Single();
            var answers = new ToolAnswers
            {
                AgencyJudgement = new JudgementAnswer(police ? Grade.Good : Grade.RequiresImprovement, null, "Overall reason"),
                SectionJudgements = { [section.Id] = new JudgementAnswer(police ? Grade.Good : Grade.Inadequate, null, "Section reason") },
            };
            foreach (var q in section.Questions) answers.Questions[q.Code] = new QuestionAnswer(AnswerFields.Yes);
            // The police say the child was seen (TT1); the school says not.
            answers.Questions["TT1"] = police ? new QuestionAnswer(AnswerFields.Yes) : new QuestionAnswer(AnswerFields.No, null, "Not seen alone in the period");
            Assert.True((await completion.SubmitAsync(context, null, answers, true, "test")).Result.Submitted);
        }

        return (audit.Id, @case.Id);
    }

    private async Task SetAsync(Guid audit, DateOnly due, CollationAccess access = CollationAccess.AfterDeadline)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var stored = await db.Audits.SingleAsync(a => a.Id == audit);
        (stored.ReturnsDueOn, stored.CollationAccess) = (due, access);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task AnswersSideBySide_DivergenceMarked_AndAMissingReturnSaidAsSuch()
    {
        var (audit, @case) = await CaseAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var page = await lead.GetDocumentAsync($"/audits/{audit}/cases/{@case}/compiled");

        Assert.Equal(["Question", "TEDU", "TPOL"], page.QuerySelectorAll("#compiled thead th").Select(th => th.TextContent.Trim()));
        Assert.Contains("parallax-divergent", page.QuerySelector("#q-TT1")!.ClassName);
        Assert.Equal(["No: Not seen alone in the period", "Yes"], page.QuerySelectorAll("#q-TT1 td").Select(td => td.TextContent.Trim()));
        Assert.DoesNotContain("parallax-divergent", page.QuerySelector("#q-TT2")!.ClassName);
        // Section judgements Good and Inadequate are two grades apart; overall Good and Requires improvement are one.
        Assert.Contains("Divergent", page.QuerySelector("tr[id^='j-']")!.TextContent);
        Assert.DoesNotContain("Divergent", page.QuerySelector("#agency-judgements")!.TextContent);

        var (audit2, case2) = await CaseAsync(schoolSubmits: false);
        var partial = await lead.GetDocumentAsync($"/audits/{audit2}/cases/{case2}/compiled");
        Assert.Equal("Not submitted yet", partial.QuerySelectorAll("#compiled tbody tr:first-child td")[0].TextContent.Trim());
        Assert.DoesNotContain("parallax-divergent", partial.QuerySelector("#q-TT1")!.ClassName);
    }

    [Fact]
    public async Task ReadingRule_BeforeAndAfterTheDeadline_ForEachRole()
    {
        var (audit, @case) = await CaseAsync(schoolSubmits: false);
        var url = $"/audits/{audit}/cases/{@case}/compiled";
        async Task<HttpStatusCode> As(string email) => (await (await app.SignedInBrowserAsync(email)).GetAsync(url)).StatusCode;

        // Before the deadline only the leads read it.
        Assert.Equal(HttpStatusCode.OK, await As(TestPartnership.Lead));
        Assert.Equal(HttpStatusCode.OK, await As(TestPartnership.Admin));
        foreach (var email in new[] { TestPartnership.Panel, TestPartnership.PoliceAuditor, TestPartnership.SchoolAuditor, TestPartnership.Viewer, TestPartnership.OtherLead })
            Assert.Equal(HttpStatusCode.NotFound, await As(email));

        // After it: panel members, and the police who returned on the case; not the school, which did not.
        await SetAsync(audit, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3));
        Assert.Equal(HttpStatusCode.OK, await As(TestPartnership.Panel));
        Assert.Equal(HttpStatusCode.OK, await As(TestPartnership.PoliceAuditor));
        Assert.Equal(HttpStatusCode.NotFound, await As(TestPartnership.SchoolAuditor));
        Assert.Equal(HttpStatusCode.NotFound, await As(TestPartnership.Viewer));
        Assert.Equal(HttpStatusCode.NotFound, await As(TestPartnership.OtherLead));
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        // A submitted return is finished work: listed under "Submitted or closed".
        Assert.Contains(url, (await police.GetDocumentAsync("/returns?Show=done")).QuerySelector("#my-returns")!.InnerHtml);

        // With "leads and panel only", agencies never read it.
        await SetAsync(audit, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3), CollationAccess.LeadsAndPanelOnly);
        Assert.Equal(HttpStatusCode.NotFound, await As(TestPartnership.PoliceAuditor));
        Assert.Equal(HttpStatusCode.OK, await As(TestPartnership.Panel));
    }

    [Fact]
    public async Task TheLead_ChoosesWhoMayRead_OnTheAuditPage()
    {
        var (audit, _) = await CaseAsync(schoolSubmits: false);
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        await lead.SubmitFormAsync($"/audits/{audit}?handler=Access", new() { ["access"] = "LeadsAndPanelOnly" }, formUrl: $"/audits/{audit}");

        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(CollationAccess.LeadsAndPanelOnly, (await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Audits.SingleAsync(a => a.Id == audit)).CollationAccess);
        var other = await app.SignedInBrowserAsync(TestPartnership.OtherLead);
        var token = (await other.GetDocumentAsync("/audits/new")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await other.PostAsync($"/audits/{audit}?handler=Access", new FormUrlEncodedContent(new Dictionary<string, string> { ["access"] = "AfterDeadline", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task PanelRecord_NeedsARationaleForAJudgement_AndIsCountedInTheFigures()
    {
        var (audit, @case) = await CaseAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/cases/{@case}/panel";

        var missing = await lead.SubmitFormAsync(url, new() { ["AgreedGrade"] = "RequiresImprovement", ["Rationale"] = " " });
        Assert.Contains("Record why the panel agreed this judgement", (await missing.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var outside = await lead.SubmitFormAsync(url, new() { ["AgreedGrade"] = "Excellent", ["Rationale"] = "x" });
        Assert.Contains("Select a judgement from the scale", (await outside.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);

        var saved = await lead.SubmitFormAsync(url, new() { ["AgreedGrade"] = "RequiresImprovement", ["AgreedQualifier"] = "with elements of good", ["Rationale"] = "Agencies did not share the school's concern.", ["PenPicture"] = "A 4-year-old living with mother (KT)." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Requires improvement with elements of good", (await lead.GetDocumentAsync($"/audits/{audit}/cases/{@case}/compiled")).QuerySelector("#panel-record")!.TextContent);
        var figures = await lead.GetDocumentAsync($"/audits/{audit}/analysis");
        Assert.Equal(["0", "0", "1", "0", "0"], figures.QuerySelectorAll("#case-judgements td").Select(td => td.TextContent.Trim()));

        // A panel member reads the record but cannot change it.
        var panel = await app.SignedInBrowserAsync(TestPartnership.Panel);
        Assert.Equal(HttpStatusCode.Forbidden, (await panel.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task PanelMeeting_NeedsADateAndAttendees()
    {
        var (audit, _) = await CaseAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/panel";

        var empty = await lead.SubmitFormAsync(url, new() { ["HeldOn.Day"] = "", ["HeldOn.Month"] = "", ["HeldOn.Year"] = "", ["Attendees"] = "" });
        var errors = (await empty.ReadDocumentAsync()).QuerySelectorAll(".govuk-error-summary a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Enter the date of the panel"], errors);
        var noOne = await lead.SubmitFormAsync(url, new() { ["HeldOn.Day"] = "2", ["HeldOn.Month"] = "7", ["HeldOn.Year"] = "2030", ["Attendees"] = " \n " });
        Assert.Contains("List who attended", (await noOne.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);

        await lead.SubmitFormAsync(url, new() { ["HeldOn.Day"] = "2", ["HeldOn.Month"] = "7", ["HeldOn.Year"] = "2030", ["Attendees"] = "TPOL: detective sergeant\nTEDU: designated safeguarding lead" });
        await using var scope = app.Services.CreateAsyncScope();
        var meeting = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PanelMeetings.SingleAsync(m => m.AuditId == audit);
        Assert.Equal((new DateOnly(2030, 7, 2), 2), (meeting.HeldOn, meeting.Attendees.Count));
    }

    [Fact]
    public async Task PanelRecord_FromAStaleForm_OverwritesNothing()
    {
        var (audit, @case) = await CaseAsync();
        var first = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var second = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var url = $"/audits/{audit}/cases/{@case}/panel";
        var staleToken = (await second.GetDocumentAsync(url)).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        await first.SubmitFormAsync(url, new() { ["Learning"] = "First tab's learning" });
        var stale = await second.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = staleToken, ["Expected"] = "", ["Learning"] = "Second tab's learning" }));

        Assert.Contains("Nothing was overwritten", (await stale.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal("First tab's learning", (await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PanelCaseRecords.SingleAsync(p => p.CaseId == @case)).Learning);
    }
}

public sealed class SqliteCollationReadingTests(SqliteAppFactory app) : CollationReadingTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresCollationReadingTests(PostgresAppFactory app) : CollationReadingTests(app), IClassFixture<PostgresAppFactory>;
