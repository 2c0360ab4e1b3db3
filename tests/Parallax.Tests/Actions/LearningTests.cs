namespace Parallax.Tests.Actions;

/// <summary>The recurring-theme rule: 3 or more audits within 24 months found it an area for improvement, after an action on it was completed.</summary>
public class RecurringRuleTests
{
    private static LearningOverTime.DatedFinding Area(string audit, string on, FindingKind kind = FindingKind.AreaForImprovement) =>
        new(Guid.NewGuid(), Guid.Empty, kind, GuidFor(audit), audit, DateOnly.Parse(on));

    private static Guid GuidFor(string name) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(name)));

    private static readonly DateOnly[] DoneInSpring2025 = [new(2025, 4, 1)];

    [Fact]
    public void ThreeAuditsIn24Months_AfterACompletedAction_Recur()
    {
        var findings = new[] { Area("A", "2024-06-01"), Area("B", "2025-03-01"), Area("C", "2026-05-01") };

        Assert.Equal(["A", "B", "C"], LearningOverTime.RecurringAuditsOf(findings, DoneInSpring2025));
    }

    [Fact]
    public void WithoutACompletedAction_ItIsNotRecurringDespiteActions()
    {
        var findings = new[] { Area("A", "2024-06-01"), Area("B", "2025-03-01"), Area("C", "2026-05-01") };

        Assert.Empty(LearningOverTime.RecurringAuditsOf(findings, []));
        // Completed only after the third audit: nothing had been done yet when it was found again.
        Assert.Empty(LearningOverTime.RecurringAuditsOf(findings, [new DateOnly(2026, 6, 1)]));
    }

    [Fact]
    public void ThreeAuditsSpreadOverMoreThan24Months_DoNotRecur()
    {
        var findings = new[] { Area("A", "2023-01-01"), Area("B", "2024-06-01"), Area("C", "2025-02-01") };

        Assert.Empty(LearningOverTime.RecurringAuditsOf(findings, [new DateOnly(2023, 6, 1)]));
    }

    [Fact]
    public void TwoFindingsInOneAudit_CountOnce_AndStrengthsDoNotCount()
    {
        var findings = new[] { Area("A", "2025-01-01"), Area("A", "2025-01-01"), Area("B", "2025-06-01"), Area("C", "2025-09-01", FindingKind.Strength) };

        Assert.Empty(LearningOverTime.RecurringAuditsOf(findings, [new DateOnly(2024, 1, 1)]));
    }
}

/// <summary>Learning and the executive dashboard over real audits: findings by theme and year, recommendations, actions, judgements.</summary>
public abstract class LearningTests(ParallaxAppFactory app)
{
    [Fact]
    public async Task ThemesByYear_CountStrengthsAndAreas_WithTheirRecommendationsAndActions_AndTheDashboardAddsUp()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var partnership = app.Data.Partnership.Id;
        var (audit, @case, _) = await TestAudits.SentAsync(s, partnership, "Learning audit", TestAudits.NewUin("LE"), app.Data.Police.Id);
        var findings = s.GetRequiredService<AuditFindings>();
        var themes = await findings.ThemesAsync(partnership);
        var curiosity = themes.First(t => t.Name == "Professional curiosity").Id;
        var area = await findings.AddAsync(partnership, audit.Id, new FindingInput(FindingKind.AreaForImprovement, FindingScope.WiderSystem, null, curiosity, "Explanations were accepted at face value", [@case.Id]));
        await findings.AddAsync(partnership, audit.Id, new FindingInput(FindingKind.Strength, FindingScope.WiderSystem, null, curiosity, "Health visitors asked about the new partner", [@case.Id]));
        var plans = s.GetRequiredService<ActionPlans>();
        var recommendation = await plans.AddRecommendationAsync(partnership, audit.Id, new RecommendationInput("In order to build curiosity, the partnership to run reflective sessions.", Addressee.Partnership, null, null, Priority.Medium, [area.Id]), "lead");
        var action = await plans.AddActionAsync(partnership, recommendation.Id, new ActionInput(app.Data.Police.Id, null, "Run four sessions", "Four sessions held", DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2)));
        await plans.ReportAsync(partnership, action.Id, app.Data.Police.Id, new ProgressInput(ActionProgress.Complete, "Held", [], []), "police");
        await s.GetRequiredService<PanelRecords>().SaveAsync(partnership, audit.Id, @case.Id, null, new PanelCaseInput(null, null, null, null, null, Grade.Good, null, "Good work"), "lead");

        var theme = Assert.Single(await s.GetRequiredService<LearningOverTime>().ThemesAsync(partnership), t => t.Theme == "Professional curiosity");
        var year = Assert.Single(theme.Years, y => y.Year == 2030);
        Assert.True(year.Strengths >= 1 && year.Areas >= 1);
        Assert.True(theme.Recommendations >= 1 && theme.ActionsDone >= 1);

        var summary = await s.GetRequiredService<ExecutiveDashboard>().LoadAsync(partnership);
        Assert.True(summary.JudgementsByYear[2030][Grade.Good] >= 1);
        Assert.Contains(summary.ResponseRates, r => r.Agency == "Testshire Police" && r.Year == 2030 && r.Expected >= 1);

        var viewer = await app.SignedInBrowserAsync(TestPartnership.Viewer);
        var learning = await viewer.GetDocumentAsync("/learning");
        Assert.Contains("Professional curiosity", learning.QuerySelector("#themes")!.TextContent);
        Assert.NotNull(learning.QuerySelector("img.parallax-chart[alt^='Bar chart']"));
        var dashboard = await viewer.GetDocumentAsync("/dashboard");
        Assert.NotNull(dashboard.QuerySelector("#judgements"));
        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await police.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task TheDashboard_KeptBetweenViews_ShowsEachChangeOnTheNextView()
    {
        var viewer = await app.SignedInBrowserAsync(TestPartnership.Viewer);
        async Task<int> OpenActionsAsync() => int.Parse(
            (await viewer.GetDocumentAsync("/dashboard")).QuerySelector("#figure-open .govuk-heading-xl")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);

        var before = await OpenActionsAsync();
        Assert.Equal(before, await OpenActionsAsync());

        // An action is agreed: the viewer's next view, a moment later, counts it.
        PlanAction action;
        await using (var scope = app.Services.CreateAsyncScope())
            action = await TestAudits.PoliceActionAsync(scope.ServiceProvider, app.Data, "Dashboard audit", TestAudits.NewUin("DB"), new DateOnly(2030, 6, 14));
        Assert.Equal(before + 1, await OpenActionsAsync());

        // The police report it complete: it is no longer open.
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ActionPlans>().ReportAsync(app.Data.Partnership.Id, action.Id, app.Data.Police.Id, new ProgressInput(ActionProgress.Complete, "Done", [], []), "police");
        Assert.Equal(before, await OpenActionsAsync());
    }
}

public sealed class SqliteLearningTests(SqliteAppFactory app) : LearningTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresLearningTests(PostgresAppFactory app) : LearningTests(app), IClassFixture<PostgresAppFactory>;
