namespace Parallax.Tests.Data;

/// <summary>One stated limit per kind of text (decision 0018), kept the same way on both providers.</summary>
public abstract class TextLimitTests(ParallaxAppFactory app)
{
    private async Task<Guid> PoliceRequestAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (_, _, requests) = await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "Text limits", TestAudits.NewUin("TX"), app.Data.Police.Id);
        return requests[0].Id;
    }

    [Fact]
    public async Task SaveDraft_TheLimitsWorthOfEveryNarrative_IsKeptWhole()
    {
        var request = await PoliceRequestAsync();
        var narrative = string.Concat(Enumerable.Repeat("Seen at home; ", TextLimits.Narrative))[..TextLimits.Narrative];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var completion = scope.ServiceProvider.GetRequiredService<ReturnCompletion>();
            var context = (await completion.LoadAsync(app.Data.Partnership.Id, app.Data.Police.Id, request))!;
            var section = context.ToolVersion.Sections.Single();
            await completion.SaveDraftAsync(context, null, new ToolAnswers
            {
                Questions = { ["TT1"] = new QuestionAnswer(AnswerFields.No, null, narrative) },
                SectionJudgements = { [section.Id] = new JudgementAnswer(Grade.Good, new string('q', TextLimits.Line), narrative) },
            });
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditReturns.AsNoTracking()
                .Include(r => r.Answers).Include(r => r.Judgements).SingleAsync(r => r.Id == request);
            Assert.Equal(narrative, saved.Answers.Single().Comment);
            Assert.Equal(narrative, saved.Judgements.Single().Reason);
            Assert.Equal(TextLimits.Line, saved.Judgements.Single().Qualifier!.Length);
        }
    }

    [Theory]
    [InlineData("comment")]
    [InlineData("other-comments")]
    public async Task PostSave_OneCharacterOverTheLimit_GivesASentenceAndSavesNothing(string field)
    {
        var request = await PoliceRequestAsync();
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var url = $"/returns/{request}";
        var name = field == "comment" ? AnswerFields.Comment("TT1") : AnswerFields.OtherComments;

        var response = await police.SubmitFormAsync($"{url}?handler=Save",
            new() { ["Expected"] = "", [AnswerFields.Value("TT1")] = "no", [name] = new string('x', TextLimits.Narrative + 1) }, formUrl: url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!;
        Assert.Contains("must be 8,000 characters or fewer; it has 8,001", summary.TextContent);
        Assert.Equal($"#{name}", summary.QuerySelector("a")!.GetAttribute("href"));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditReturns.AnyAsync(r => r.Id == request));
    }

    [Fact]
    public async Task Autosave_OverTheLimit_AnswersTheSentenceAs400()
    {
        var request = await PoliceRequestAsync();
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var url = $"/returns/{request}";

        var response = await police.SubmitFormAsync($"{url}?handler=Autosave",
            new() { ["Expected"] = "", [AnswerFields.Comment("TT1")] = new string('x', TextLimits.Narrative + 1) }, formUrl: url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("8,000 characters or fewer", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SaveChanges_TextOverItsColumn_IsRefusedTheSameWayOnBothProviders()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var agency = await db.Agencies.SingleAsync(a => a.Id == app.Data.School.Id);
        agency.Name = new string('S', 201);

        var refused = await Assert.ThrowsAsync<DomainException>(() => db.SaveChangesAsync());

        Assert.Equal("The name of this agency must be 200 characters or fewer; it has 201", refused.Message);
        await using var again = app.Services.CreateAsyncScope();
        Assert.Equal("Testshire Schools", (await again.ServiceProvider.GetRequiredService<ParallaxDbContext>().Agencies.AsNoTracking().SingleAsync(a => a.Id == app.Data.School.Id)).Name);
    }
}

public sealed class TextLimitTestsSqlite(SqliteAppFactory app) : TextLimitTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TextLimitTestsPostgres(PostgresAppFactory app) : TextLimitTests(app), IClassFixture<PostgresAppFactory>;
