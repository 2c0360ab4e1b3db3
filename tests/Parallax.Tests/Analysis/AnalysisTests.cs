namespace Parallax.Tests.Analysis;

public class AnswerCountsTests
{
    [Theory]
    [InlineData(33, 7, 0, 83, 18)]   // 82.5 and 17.5 round away from zero, as spreadsheets do
    [InlineData(1, 7, 5, 13, 88)]    // 12.5 and 87.5; N/A is left out
    [InlineData(1, 1, 0, 50, 50)]
    [InlineData(2, 1, 0, 67, 33)]
    public void Percentages_AreOfYesAndNoOnly_RoundedHalfAwayFromZero(int yes, int no, int na, int pctYes, int pctNo)
    {
        var counts = new AnswerCounts(yes, no, na);

        Assert.Equal((yes + no, pctYes, pctNo), (counts.Total, counts.PctYes!.Value, counts.PctNo!.Value));
    }

    [Fact]
    public void OnlyNotApplicable_HasNoPercentage()
    {
        var counts = new AnswerCounts(0, 0, 4);

        Assert.Equal((0, (int?)null, (int?)null), (counts.Total, counts.PctYes, counts.PctNo));
    }
}

/// <summary>
/// A hand-built audit: 4 cases, each returned by the police and the school (8 submitted returns) on the
/// trigger-trio tool, plus one draft that must not count. The expected figures are worked out below.
/// </summary>
public abstract class AnalysisTests(ParallaxAppFactory app)
{
    private async Task<Guid> HandBuiltAuditAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await TestAudits.FiguresAuditAsync(scope.ServiceProvider, app.Data);
    }

    private async Task<AuditFigures> FiguresAsync(Guid audit, StatisticsFilter? filter = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AuditStatistics>().ComputeAsync(app.Data.Partnership.Id, audit, filter))!;
    }

    [Fact]
    public async Task Figures_CountSubmittedReturnsOnly_LeaveOutNotApplicable_AndRoundAtTheHalf()
    {
        var audit = await HandBuiltAuditAsync();

        var f = await FiguresAsync(audit);

        var q = f.Questions.ToDictionary(x => x.Code, x => x.Counts);
        // TT1: 1 yes, 7 no (the draft's yes is not counted): 12.5% and 87.5% round to 13 and 88.
        Assert.Equal((1, 7, 0, 8, 13, 88), (q["TT1"].Yes, q["TT1"].No, q["TT1"].Na, q["TT1"].Total, q["TT1"].PctYes!.Value, q["TT1"].PctNo!.Value));
        // TT2: all N/A: no total, no percentage.
        Assert.Equal((0, 0, 8, 0, (int?)null), (q["TT2"].Yes, q["TT2"].No, q["TT2"].Na, q["TT2"].Total, q["TT2"].PctYes));
        // TT3: police 3 yes 1 no, school 2 no 2 N/A: 3 yes of 6 = 50%.
        Assert.Equal((3, 3, 2, 50), (q["TT3"].Yes, q["TT3"].No, q["TT3"].Na, q["TT3"].PctYes!.Value));
        // Whole tool: TT1 1+7, TT2 0+0 (8 N/A), TT3 3+3 (2 N/A), TT4-6 24 yes.
        Assert.Equal((28, 10, 10, 74), (f.ToolWide.Yes, f.ToolWide.No, f.ToolWide.Na, f.ToolWide.PctYes!.Value));
        var section = Assert.Single(f.Sections);
        Assert.Equal((4, 4), (section.Judgements[Grade.Good], section.Judgements[Grade.RequiresImprovement]));
        // Returns: 9 sent, 8 submitted, 1 open (the draft): 89%.
        Assert.Equal((9, 8, 1, 89), (f.Returns.Requested, f.Returns.Submitted, f.Returns.Open, f.Returns.ResponseRatePct!.Value));
        Assert.Equal(5, f.CasesNotJudged);
    }

    [Fact]
    public async Task History_SumsEachAuditOfThePartnership()
    {
        var audit = await HandBuiltAuditAsync();
        await using var scope = app.Services.CreateAsyncScope();

        var history = await scope.ServiceProvider.GetRequiredService<PartnershipHistory>().SummariesAsync(app.Data.Partnership.Id);

        var row = Assert.Single(history, h => h.AuditId == audit);
        // The same hand-built figures as the audit's own: 28 yes, 10 no, 10 N/A; 8 of 9 returns.
        Assert.Equal((28, 10, 10, 9, 8, 89), (row.Answers.Yes, row.Answers.No, row.Answers.Na, row.Requested, row.Submitted, row.ResponseRatePct!.Value));
        Assert.DoesNotContain(history, h => h.Title.StartsWith("Otherfield", StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_UsesCountsKeptAtSubmission_BackfilledWhenMissing_DroppedOnReopen()
    {
        var audit = await HandBuiltAuditAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var history = scope.ServiceProvider.GetRequiredService<PartnershipHistory>();
        // Returns submitted before the counts were kept have none: the start-up backfill counts their answers.
        await db.AuditReturns.Where(r => db.ReturnRequests.Any(q => q.Id == r.Id && q.AuditId == audit)).ExecuteUpdateAsync(s => s.SetProperty(r => r.YesCount, (int?)null).SetProperty(r => r.NoCount, (int?)null).SetProperty(r => r.NotApplicableCount, (int?)null));

        var filled = await ReturnAnswerCounts.BackfillAsync(db);

        Assert.Equal(8, filled);
        var row = Assert.Single(await history.SummariesAsync(app.Data.Partnership.Id), h => h.AuditId == audit);
        Assert.Equal((28, 10, 10), (row.Answers.Yes, row.Answers.No, row.Answers.Na));

        // The police return on the first case (TT1, TT3-TT6 yes; TT2 N/A) is reopened: it no longer counts.
        var firstCase = await db.AuditCases.Where(ac => ac.AuditId == audit).Join(db.Cases, ac => ac.CaseId, c => c.Id, (ac, c) => c).OrderBy(c => c.Uin).Select(c => c.Id).FirstAsync();
        var requests = scope.ServiceProvider.GetRequiredService<ReturnRequests>();
        var police = await db.ReturnRequests.Where(r => r.AuditId == audit && r.CaseId == firstCase && r.AgencyId == app.Data.Police.Id).Select(r => r.Id).SingleAsync();
        await requests.ReopenAsync(await requests.FindAsync(app.Data.Partnership.Id, audit, police), "Answer TT1 again", "lead");

        row = Assert.Single(await history.SummariesAsync(app.Data.Partnership.Id), h => h.AuditId == audit);
        Assert.Equal((23, 10, 9, 7), (row.Answers.Yes, row.Answers.No, row.Answers.Na, row.Submitted));
        Assert.Null((await db.AuditReturns.AsNoTracking().SingleAsync(r => r.Id == police)).YesCount);
    }

    [Fact]
    public async Task Figures_FilterByAgencyTypeAndByCase()
    {
        var audit = await HandBuiltAuditAsync();

        var police = await FiguresAsync(audit, new StatisticsFilter(AgencyType.Police));
        // Police only: TT1 1 yes 3 no = 25%; TT3 3 yes 1 no = 75%.
        Assert.Equal((25, 75), (police.Questions.Single(x => x.Code == "TT1").Counts.PctYes!.Value, police.Questions.Single(x => x.Code == "TT3").Counts.PctYes!.Value));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var firstCase = await db.AuditCases.Where(ac => ac.AuditId == audit).Join(db.Cases, ac => ac.CaseId, c => c.Id, (ac, c) => c).OrderBy(c => c.Uin).Select(c => c.Id).FirstAsync();
        var one = await FiguresAsync(audit, new StatisticsFilter(CaseId: firstCase));
        // Case 0: police yes, school no on TT1.
        Assert.Equal((1, 1), (one.Questions.Single(x => x.Code == "TT1").Counts.Yes, one.Questions.Single(x => x.Code == "TT1").Counts.No));
    }

    [Fact]
    public async Task ThePage_AndAuditStats_GiveTheSameFigures()
    {
        var audit = await HandBuiltAuditAsync();
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var page = await lead.GetDocumentAsync($"/audits/{audit}/analysis");
        var row = page.QuerySelector("#question-figures tr[data-code='TT1']")!.Children.Skip(1).Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["1", "7", "0", "8", "13%", "88%"], row);

        var result = await CommandResult.RunAsync(["--provider", app.Database.ProviderName, "--db", app.Database.ConnectionString, "audit", "stats", audit.ToString(), "--partnership", app.Data.Partnership.Name], "");
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var tt1 = json.RootElement.GetProperty("questions").EnumerateArray().Single(x => x.GetProperty("code").GetString() == "TT1");
        Assert.Equal((1, 7, 0, 8, 13, 88), (tt1.GetProperty("yes").GetInt32(), tt1.GetProperty("no").GetInt32(), tt1.GetProperty("na").GetInt32(), tt1.GetProperty("total").GetInt32(), tt1.GetProperty("pctYes").GetInt32(), tt1.GetProperty("pctNo").GetInt32()));
        Assert.Equal(89, json.RootElement.GetProperty("returns").GetProperty("responseRatePct").GetInt32());
        Assert.Equal(5, json.RootElement.GetProperty("caseJudgements").GetProperty("NotJudged").GetInt32());
        var list = await CommandResult.RunAsync(["--provider", app.Database.ProviderName, "--db", app.Database.ConnectionString, "audit", "list", "--partnership", app.Data.Partnership.Name], "");
        Assert.Contains(list.Lines, l => l == $"{audit}\tFigures audit\tReturnsOpen");
    }
}

public sealed class SqliteAnalysisTests(SqliteAppFactory app) : AnalysisTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAnalysisTests(PostgresAppFactory app) : AnalysisTests(app), IClassFixture<PostgresAppFactory>;
