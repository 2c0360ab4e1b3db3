namespace Parallax.Tests.Returns;

/// <summary>Decision 0009: a draft return is shown to no one but its agency, not even to the audit lead.</summary>
public abstract class DraftPrivacyTests(ParallaxAppFactory app)
{
    private const string DraftComment = "Draft note: still checking the strategy meeting minutes";

    /// <summary>A police draft; <paramref name="complete"/> answers everything, so submitting it adds no rows.</summary>
    private async Task<(Guid Audit, Guid Request)> PoliceDraftAsync(bool complete = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var partnership = app.Data.Partnership.Id;
        var (audit, _, requests) = await TestAudits.SentAsync(services, partnership, "Draft privacy", TestAudits.NewUin("DP"), app.Data.Police.Id);
        var completion = services.GetRequiredService<ReturnCompletion>();
        var context = (await completion.LoadAsync(partnership, app.Data.Police.Id, requests[0].Id))!;
        var answers = new ToolAnswers { Questions = { ["TT1"] = new QuestionAnswer(AnswerFields.No, null, DraftComment) }, OtherComments = DraftComment };
        if (complete)
        {
            foreach (var code in new[] { "TT2", "TT3", "TT4", "TT5", "TT6" }) answers.Questions[code] = new QuestionAnswer(AnswerFields.Yes);
            answers.SectionJudgements[context.ToolVersion.Sections.Single().Id] = new JudgementAnswer(Grade.Good, null, "Reason");
            answers = answers with { AgencyJudgement = new JudgementAnswer(Grade.Good, null, "Reason") };
        }

        await completion.SaveDraftAsync(context, null, answers);
        return (audit.Id, requests[0].Id);
    }

    [Fact]
    public async Task LeadsReturnPage_ForADraft_ShowsNoAnswersOrComments()
    {
        var (audit, request) = await PoliceDraftAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var page = await lead.GetDocumentAsync($"/audits/{audit}/returns/{request}");

        Assert.DoesNotContain("strategy meeting minutes", page.Body!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main input[type=radio][checked]"));
        Assert.Contains("still working on this return", page.QuerySelector("#draft-private")!.TextContent);
    }

    [Fact]
    public async Task LeadsWorkbook_ForADraft_HoldsNoAnswersOrComments()
    {
        var (audit, request) = await PoliceDraftAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var download = await lead.GetAsync($"/audits/{audit}/returns/{request}?handler=Workbook");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var sheet = SheetReader.ReadXlsx(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), ReturnWorkbook.MainSheet);
        var cells = Enumerable.Range(1, sheet.RowCount).SelectMany(r => sheet.Row(r, 6)).ToList();
        Assert.DoesNotContain(cells, c => c.Contains("strategy meeting minutes"));
        Assert.Equal("", sheet.Cell(7, 3));
    }

    [Fact]
    public async Task LeadsReturnPage_OnceSubmitted_ShowsTheAnswers()
    {
        var (audit, request) = await PoliceDraftAsync(complete: true);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var completion = scope.ServiceProvider.GetRequiredService<ReturnCompletion>();
            var context = (await completion.LoadAsync(app.Data.Partnership.Id, app.Data.Police.Id, request))!;
            var (result, _) = await completion.SubmitAsync(context, context.Saved!.Version, ReturnCompletion.ToAnswers(context), confirmIdentifiers: true, "test");
            Assert.True(result.Submitted, string.Join("; ", result.Problems.Select(p => p.Message)));
        }

        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var page = await lead.GetDocumentAsync($"/audits/{audit}/returns/{request}");

        Assert.Contains("strategy meeting minutes", page.Body!.TextContent);
        Assert.Null(page.QuerySelector("#draft-private"));
    }
}

public sealed class DraftPrivacyTestsSqlite(SqliteAppFactory app) : DraftPrivacyTests(app), IClassFixture<SqliteAppFactory>;

public sealed class DraftPrivacyTestsPostgres(PostgresAppFactory app) : DraftPrivacyTests(app), IClassFixture<PostgresAppFactory>;
