namespace Parallax.Bench;

/// <summary>
/// Follow-through over years: N audits (default 500) spread over ten years, each with 10 findings on the
/// partnership's themes, 3 recommendations and 10 actions (5,000 actions for 500 audits) in every state.
/// Loaded without the audit-trail interceptor, one SaveChanges per 50 audits.
/// </summary>
public static class ActionData
{
    public static async Task<Guid> CreateAsync(IServiceProvider services, DatabaseSettings settings, int audits, int seed = 3)
    {
        await using (var migrate = services.CreateAsyncScope()) await DatabaseSetup.MigrateAsync(migrate.ServiceProvider);
        Guid partnershipId, versionId;
        List<Guid> agencies, themes;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            partnershipId = (await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().AddAsync($"Actionshire SCP {Guid.NewGuid():N}")).Id;
            var list = Enumerable.Range(1, 18).Select(i => new Agency { PartnershipId = partnershipId, Code = $"A{i:D2}", Name = $"Action agency {i}", Type = AgencyType.Other, WorksWithAdults = true }).ToList();
            db.Agencies.AddRange(list);
            await db.SaveChangesAsync();
            agencies = [.. list.Select(a => a.Id)];
            themes = [.. (await scope.ServiceProvider.GetRequiredService<AuditFindings>().ThemesAsync(partnershipId)).Select(t => t.Id)];
            var tool = await scope.ServiceProvider.GetRequiredService<ToolCatalogue>().ImportAsync(partnershipId, ToolTemplates.Find("trigger-trio")!.Document);
            versionId = await db.ToolVersions.Where(v => v.ToolId == tool.Id).Select(v => v.Id).SingleAsync();
        }

        var random = new Random(seed);
        var builder = new DbContextOptionsBuilder<ParallaxDbContext>();
        builder.UseParallaxDatabase(settings);
        var progress = Enum.GetValues<ActionProgress>();
        var start = new DateOnly(2020, 1, 6);
        for (var batch = 0; batch < audits; batch += 50)
        {
            await using var db = new ParallaxDbContext(builder.Options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var a = batch; a < Math.Min(audits, batch + 50); a++)
            {
                var sent = start.AddDays(a * 7);
                var created = new DateTimeOffset(sent.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
                var audit = new Audit
                {
                    PartnershipId = partnershipId, Title = $"Action audit {a + 1}", Theme = "Follow-through", ToolVersionId = versionId, RequestsSentOn = sent,
                    ReturnWorkingDays = 15, ReturnsDueOn = sent.AddDays(21), Status = AuditStatus.Closed, CreatedAt = created,
                };
                db.Audits.Add(audit);
                var findings = Enumerable.Range(0, 10).Select(f => new Finding
                {
                    AuditId = audit.Id, Kind = random.Next(3) == 0 ? FindingKind.Strength : FindingKind.AreaForImprovement, Scope = FindingScope.WiderSystem,
                    ThemeId = themes[random.Next(themes.Count)], Text = "A generated finding of a typical length about practice in the audited cases.", CreatedAt = created,
                }).ToList();
                db.Findings.AddRange(findings);
                for (var r = 0; r < 3; r++)
                {
                    var recommendation = new Recommendation
                    {
                        PartnershipId = partnershipId, AuditId = audit.Id, Number = r + 1, Text = "In order to improve practice, agencies to do what the audit found lacking.",
                        Addressee = Addressee.Partnership, FindingIds = [findings[r * 3].Id, findings[(r * 3) + 1].Id], CreatedBy = "bench", CreatedAt = created,
                    };
                    db.Recommendations.Add(recommendation);
                    for (var n = 0; n < (r == 0 ? 4 : 3); n++)
                    {
                        var state = progress[random.Next(progress.Length)];
                        db.PlanActions.Add(new PlanAction
                        {
                            PartnershipId = partnershipId, RecommendationId = recommendation.Id, OwnerAgencyId = agencies[random.Next(agencies.Count)],
                            What = "A generated action: change the procedure and brief the teams.", Measure = "A dip sample shows the change in 8 of 10 cases.",
                            DueOn = sent.AddMonths(3 + random.Next(9)), Progress = state, CreatedAt = created,
                            CompletedAt = state is ActionProgress.Complete or ActionProgress.Closed ? created.AddMonths(4) : null,
                        });
                    }
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }

        return partnershipId;
    }
}
