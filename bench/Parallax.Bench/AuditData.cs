using Parallax.Web;

namespace Parallax.Bench;

/// <summary>
/// Generates a fictional audit of a given size straight into a database: a tool of N yes/no questions in
/// sections of 10, C cases, A agencies each returning on every case, every return submitted with answers
/// and section judgements. Deterministic (seeded), so runs compare.
/// </summary>
public static class AuditData
{
    public static ServiceProvider Services(string provider, string connectionString) => ParallaxServices.CommandServices(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = provider, [DatabaseSettings.ConnectionStringKey] = connectionString,
        }).Build(), new AuditActor("bench", "benchmark data generator"));

    /// <summary>A new, empty database: a file in a temporary folder (returned, to delete) or a database on the benchmark PostgreSQL server.</summary>
    public static (string Connection, string? SqliteFolder) NewDatabase(string provider)
    {
        if (provider == "sqlite")
        {
            var folder = Directory.CreateTempSubdirectory("parallax-bench-").FullName;
            return ($"Data Source={Path.Combine(folder, "bench.db")}", folder);
        }

        var server = Environment.GetEnvironmentVariable("PARALLAX_BENCH_POSTGRES")!;
        return ($"{server.Replace("Database=postgres", "")};Database=bench_{Guid.NewGuid():N}".Replace(";;", ";"), null);
    }

    public static async Task<(Guid Partnership, Guid Audit, Guid FirstCase)> CreateAsync(IServiceProvider services, int cases, int agencies, int questions, int seed = 1)
    {
        await DatabaseSetup.MigrateAsync(services);
        var db = services.GetRequiredService<ParallaxDbContext>();
        var random = new Random(seed);
        var partnership = await services.GetRequiredService<PartnershipDirectory>().AddAsync($"Benchshire SCP {Guid.NewGuid():N}");
        var types = Enum.GetValues<AgencyType>();
        var agencyList = Enumerable.Range(1, agencies).Select(i => new Agency
        {
            PartnershipId = partnership.Id, Code = $"A{i:D2}", Name = $"Bench agency {i}", Type = types[i % types.Length], WorksWithAdults = true,
        }).ToList();
        db.Agencies.AddRange(agencyList);
        await db.SaveChangesAsync();

        var document = new ToolDocument
        {
            Name = "Bench tool",
            Sections = [.. Enumerable.Range(0, (questions + 9) / 10).Select(s => new SectionDocument
            {
                Title = $"Section {s + 1}", HasJudgement = true, Applicability = SectionApplicability.AllAgencies, Scope = SectionScope.EachCase,
                Questions = [.. Enumerable.Range(1, Math.Min(10, questions - (s * 10))).Select(q => new QuestionDocument
                {
                    Code = $"Q{(s * 10) + q}", Text = $"Question {(s * 10) + q}?", Kind = QuestionKind.YesNoNa, Required = true,
                })],
            })],
        };
        var tool = await services.GetRequiredService<ToolCatalogue>().ImportAsync(partnership.Id, document);
        var version = await db.ToolVersions.Include(v => v.Sections).ThenInclude(s => s.Questions).SingleAsync(v => v.ToolId == tool.Id);
        var audit = new Audit
        {
            PartnershipId = partnership.Id, Title = "Bench audit", Theme = "Benchmark", ToolVersionId = version.Id, RequestsSentOn = new DateOnly(2030, 1, 7),
            ReturnWorkingDays = 10, ReturnsDueOn = new DateOnly(2030, 1, 21), Status = AuditStatus.Panel, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Audits.Add(audit);
        await db.SaveChangesAsync();

        var caseIds = new List<Guid>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var c = 0; c < cases; c++)
        {
            var @case = new Case
            {
                PartnershipId = partnership.Id, Uin = $"B-{c + 1:D4}", Initials = "AB", AgeYears = c % 17, Sex = (Sex)(c % 2), Ethnicity = Ethnicities.NotRecorded,
                LevelOfNeed = (LevelOfNeed)(c % 6), CreatedAt = DateTimeOffset.UtcNow,
                Household = [new HouseholdMember { Order = 1, Role = HouseholdRole.Mother, Initials = "CD" }],
            };
            caseIds.Add(@case.Id);
            db.Cases.Add(@case);
            db.AuditCases.Add(new AuditCase { AuditId = audit.Id, CaseId = @case.Id, AddedAt = DateTimeOffset.UtcNow });
            foreach (var agency in agencyList)
            {
                var request = new ReturnRequest { AuditId = audit.Id, CaseId = @case.Id, AgencyId = agency.Id, Status = ReturnStatus.Submitted, DueOn = audit.ReturnsDueOn, CreatedAt = DateTimeOffset.UtcNow };
                db.ReturnRequests.Add(request);
                var saved = new AuditReturn { Id = request.Id, LastSavedAt = DateTimeOffset.UtcNow };
                foreach (var question in version.Sections.SelectMany(s => s.Questions))
                {
                    var roll = random.Next(10);
                    saved.Answers.Add(new ReturnAnswer
                    {
                        ReturnId = request.Id, QuestionId = question.Id, Code = question.Code,
                        Value = roll < 6 ? AnswerFields.Yes : roll < 9 ? AnswerFields.No : AnswerFields.NotApplicable,
                        Comment = roll < 6 ? null : "A fictional comment of a typical length, explaining what was missing and what could have been done better.",
                    });
                }

                foreach (var section in version.Sections)
                    saved.Judgements.Add(new ReturnJudgement { ReturnId = request.Id, Scope = JudgementScope.Section, SectionId = section.Id, Grade = (Grade)(1 + random.Next(4)), Reason = "Reason" });
                saved.MarkSubmitted(DateTimeOffset.UtcNow, "bench", saved.Answers);
                db.AuditReturns.Add(saved);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        return (partnership.Id, audit.Id, caseIds[0]);
    }
}
