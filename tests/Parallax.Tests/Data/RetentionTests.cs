namespace Parallax.Tests.Data;

/// <summary>
/// A partnership's retention rule for case narrative: nothing happens before the day, the dry run changes nothing,
/// applying removes every narrative field and keeps the figures, and the trail records the removal without the text.
/// </summary>
public abstract class RetentionTests(ParallaxAppFactory app)
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2030, 6, 3, 8, 0, 0, TimeSpan.Zero));

    private ServiceProvider Services() => app.CommandServices(clock);

    private async Task<RetentionReport> RunAsync(ServiceProvider services, bool apply)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NarrativeRetention>().RunAsync(apply, app.Data.Partnership.Id);
    }

    [Fact]
    public async Task NarrativeIsRemovedOnlyAfterTheRule_TheDryRunChangesNothing_AndFiguresStay()
    {
        await using var services = Services();
        Guid audit, @case;
        const string penPicture = "A 9-year-old living with mother (QX) and her partner (RV); known to police and school.";
        await using (var scope = services.CreateAsyncScope())
        {
            var s = scope.ServiceProvider;
            var db = s.GetRequiredService<ParallaxDbContext>();
            audit = await TestAudits.FiguresAuditAsync(s, app.Data, "Retention audit");
            @case = await db.AuditCases.Where(c => c.AuditId == audit).Select(c => c.CaseId).FirstAsync();
            await s.GetRequiredService<PanelRecords>().SaveAsync(app.Data.Partnership.Id, audit, @case, null,
                new PanelCaseInput(null, penPicture, "Attendance was followed up", null, null, null, null, null), "lead");
            var request = await db.ReturnRequests.FirstAsync(r => r.AuditId == audit && r.Status == ReturnStatus.Submitted);
            await s.GetRequiredService<ReturnQueries>().RaiseAsync(app.Data.Partnership.Id, audit, request.Id, "TT1", "Which plan was this?", Guid.Empty, "lead");
            (await db.Partnerships.SingleAsync(p => p.Id == app.Data.Partnership.Id)).NarrativeRetentionYears = 2;
            (await db.Audits.SingleAsync(a => a.Id == audit)).Status = AuditStatus.Closed;
            await db.SaveChangesAsync();
        }

        // 8 submitted returns, each with comments on TT1-TT3 and two judgement reasons; the panel's two texts; one query message.
        const int narrative = (8 * (3 + 2)) + 2 + 1;

        clock.SetUtcNow(new DateTimeOffset(2032, 6, 2, 8, 0, 0, TimeSpan.Zero));
        Assert.DoesNotContain(await RunAsync(services, apply: false) is var early ? early.Items : [], i => i.AuditId == audit);

        clock.SetUtcNow(new DateTimeOffset(2032, 6, 4, 8, 0, 0, TimeSpan.Zero));
        var dryRun = await RunAsync(services, apply: false);
        Assert.False(dryRun.Applied);
        Assert.Equal(narrative, dryRun.Items.Single(i => i.AuditId == audit).Fields);
        await using (var scope = services.CreateAsyncScope())
            Assert.Equal(penPicture, (await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PanelCaseRecords.SingleAsync(p => p.AuditId == audit)).PenPicture);

        long before;
        await using (var scope = services.CreateAsyncScope())
            before = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().AuditEvents.MaxAsync(e => e.Id);
        var applied = await RunAsync(services, apply: true);
        Assert.True(applied.Applied);
        Assert.Equal(narrative, applied.Items.Single(i => i.AuditId == audit).Fields);

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var requests = db.ReturnRequests.Where(r => r.AuditId == audit).Select(r => r.Id);
            var returns = await db.AuditReturns.AsNoTracking().Include(r => r.Answers).Include(r => r.Judgements).Where(r => requests.Contains(r.Id)).ToListAsync();
            Assert.All(returns.SelectMany(r => r.Answers).Where(a => a.Comment != null), a => Assert.Equal(NarrativeRetention.Removed, a.Comment));
            Assert.All(returns.SelectMany(r => r.Judgements).Where(j => j.Reason != null), j => Assert.Equal(NarrativeRetention.Removed, j.Reason));
            // The figures and grades stay: learning over time still counts this audit.
            Assert.Equal(8, returns.Count(r => r.YesCount != null));
            Assert.Equal(16, returns.SelectMany(r => r.Judgements).Count(j => j.Grade != null));
            var panel = await db.PanelCaseRecords.AsNoTracking().SingleAsync(p => p.AuditId == audit);
            Assert.Equal((NarrativeRetention.Removed, NarrativeRetention.Removed), (panel.PenPicture, panel.WorkedWell));
            Assert.Equal([NarrativeRetention.Removed], await db.Set<ReturnQueryMessage>().Where(m => db.Set<ReturnQuery>().Where(q => requests.Contains(q.RequestId)).Select(q => q.Id).Contains(m.QueryId)).Select(m => m.Text).ToListAsync());

            // The removal is in the trail, as a change by the rule, without the text it removed.
            var removal = await db.AuditEvents.Where(e => e.Id > before && e.Entity != "SecurityEvent").FieldsAsync();
            Assert.Equal(narrative, removal.Count);
            Assert.All(removal, e => Assert.Equal(AuditAction.Modified, e.Action));
            Assert.All(removal, e => Assert.Equal((AuditTrailInterceptor.RemovedUnderRetention, NarrativeRetention.Removed), (e.OldValue, e.NewValue)));
        }

        // Applied again, there is nothing left to remove.
        Assert.DoesNotContain((await RunAsync(services, apply: true)).Items, i => i.AuditId == audit);
    }

    [Fact]
    public async Task TheRule_IsSetOnTheSettingsPage_AndNonsenseGetsASentence()
    {
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);

        var refused = await admin.SubmitFormAsync("/admin/settings", new() { ["NarrativeRetentionYears"] = "seven" });
        Assert.Contains("Enter a whole number of years from 1 to 50", (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")?.TextContent);

        var version = (await admin.GetDocumentAsync("/admin/settings")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        var saved = await admin.SubmitFormAsync("/admin/settings", new() { ["NarrativeRetentionYears"] = "7", ["Version"] = version });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        var page = await admin.GetDocumentAsync("/admin/settings");
        Assert.Equal("7", page.QuerySelector("#NarrativeRetentionYears")?.GetAttribute("value"));
        Assert.Contains("What the rule would remove today", page.QuerySelector("main")!.TextContent);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(7, (await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().Partnerships.SingleAsync(p => p.Id == app.Data.Partnership.Id)).NarrativeRetentionYears);
    }
}

public sealed class RetentionTestsSqlite(SqliteAppFactory app) : RetentionTests(app), IClassFixture<SqliteAppFactory>;

public sealed class RetentionTestsPostgres(PostgresAppFactory app) : RetentionTests(app), IClassFixture<PostgresAppFactory>;
