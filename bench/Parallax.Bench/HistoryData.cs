namespace Parallax.Bench;

/// <summary>
/// A partnership's whole history: N audits of 10 cases × 18 agencies on a 44-question tool (500 audits ≈ 4
/// million answers). Loaded through a DbContext without the audit-trail interceptor, which a bulk load of
/// generated data does not need, in one SaveChanges per audit.
/// </summary>
public static class HistoryData
{
    public static async Task<Guid> CreateAsync(IServiceProvider services, DatabaseSettings settings, int audits, int seed = 2)
    {
        await using (var migrate = services.CreateAsyncScope()) await DatabaseSetup.MigrateAsync(migrate.ServiceProvider);
        Guid partnershipId;
        Guid versionId;
        List<(Guid Id, string Code)> questions;
        List<Guid> agencies;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var partnership = await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().AddAsync($"Historyshire SCP {Guid.NewGuid():N}");
            partnershipId = partnership.Id;
            var list = Enumerable.Range(1, 18).Select(i => new Agency { PartnershipId = partnershipId, Code = $"H{i:D2}", Name = $"History agency {i}", Type = AgencyType.Other, WorksWithAdults = true }).ToList();
            db.Agencies.AddRange(list);
            await db.SaveChangesAsync();
            agencies = [.. list.Select(a => a.Id)];
            var document = new ToolDocument
            {
                Name = "History tool",
                Sections = [.. Enumerable.Range(0, 5).Select(s => new SectionDocument
                {
                    Title = $"Section {s + 1}", Scope = SectionScope.EachCase,
                    Questions = [.. Enumerable.Range(1, s < 4 ? 9 : 8).Select(q => new QuestionDocument { Code = $"H{(s * 9) + q}", Text = "Question?", Kind = QuestionKind.YesNoNa })],
                })],
            };
            var tool = await scope.ServiceProvider.GetRequiredService<ToolCatalogue>().ImportAsync(partnershipId, document);
            var version = await db.ToolVersions.Include(v => v.Sections).ThenInclude(s => s.Questions).SingleAsync(v => v.ToolId == tool.Id);
            versionId = version.Id;
            questions = [.. version.Sections.SelectMany(s => s.Questions).Select(q => (q.Id, q.Code))];
        }

        var random = new Random(seed);
        var builder = new DbContextOptionsBuilder<ParallaxDbContext>();
        builder.UseParallaxDatabase(settings);
        var options = builder.Options;
        string[] values = [AnswerFields.Yes, AnswerFields.Yes, AnswerFields.Yes, AnswerFields.No, AnswerFields.No, AnswerFields.NotApplicable];
        for (var a = 0; a < audits; a++)
        {
            await using var db = new ParallaxDbContext(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var sent = new DateOnly(2015, 1, 5).AddDays(a * 7);
            var audit = new Audit
            {
                PartnershipId = partnershipId, Title = $"History audit {a + 1}", Theme = "History", ToolVersionId = versionId, RequestsSentOn = sent,
                ReturnWorkingDays = 15, ReturnsDueOn = sent.AddDays(21), Status = AuditStatus.Closed, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Audits.Add(audit);
            for (var c = 0; c < 10; c++)
            {
                var @case = new Case { PartnershipId = partnershipId, Uin = $"H{a:D4}-{c:D2}", Initials = "AB", AgeYears = c, Ethnicity = Ethnicities.NotRecorded, CreatedAt = DateTimeOffset.UtcNow };
                db.Cases.Add(@case);
                db.AuditCases.Add(new AuditCase { AuditId = audit.Id, CaseId = @case.Id, AddedAt = DateTimeOffset.UtcNow });
                foreach (var agency in agencies)
                {
                    var submitted = random.Next(10) < 8;
                    var request = new ReturnRequest { AuditId = audit.Id, CaseId = @case.Id, AgencyId = agency, Status = submitted ? ReturnStatus.Submitted : ReturnStatus.NoReturn, DueOn = audit.ReturnsDueOn, CreatedAt = DateTimeOffset.UtcNow };
                    db.ReturnRequests.Add(request);
                    var saved = new AuditReturn { Id = request.Id, LastSavedAt = DateTimeOffset.UtcNow };
                    foreach (var (id, code) in questions)
                        saved.Answers.Add(new ReturnAnswer { ReturnId = request.Id, QuestionId = id, Code = code, Value = values[random.Next(values.Length)] });
                    if (submitted) saved.MarkSubmitted(DateTimeOffset.UtcNow, "bench", saved.Answers);
                    db.AuditReturns.Add(saved);
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }

        return partnershipId;
    }
}
