namespace Parallax.Bench;

/// <summary>
/// A partnership's daily load for the home pages: N audits (default 100) at every stage, each with 5
/// cases asked of 20 agencies (100 returns an audit, 10,000 for 100 audits), returns in every state with due
/// dates from four weeks ago to four weeks ahead of today, an open query on one return in ten of the open ones,
/// panels in the coming weeks and a final report for each closed audit. Loaded straight into the tables, without
/// answers (the home pages count requests, they do not read returns). Deterministic (seeded).
/// </summary>
public static class HomeData
{
    public const string FirstAgency = "A01";

    public static async Task<Guid> CreateAsync(IServiceProvider services, DatabaseSettings settings, int audits = 100, int cases = 5, int agencies = 20, int seed = 19)
    {
        await using (var migrate = services.CreateAsyncScope()) await DatabaseSetup.MigrateAsync(migrate.ServiceProvider);
        Guid partnershipId, versionId;
        List<Guid> agencyIds;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            partnershipId = (await scope.ServiceProvider.GetRequiredService<PartnershipDirectory>().AddAsync($"Homeshire SCP {Guid.NewGuid():N}")).Id;
            var list = Enumerable.Range(1, agencies).Select(i => new Agency { PartnershipId = partnershipId, Code = $"A{i:D2}", Name = $"Home agency {i}", Type = AgencyType.Other, WorksWithAdults = true }).ToList();
            db.Agencies.AddRange(list);
            await db.SaveChangesAsync();
            agencyIds = [.. list.Select(a => a.Id)];
            var tool = await scope.ServiceProvider.GetRequiredService<ToolCatalogue>().ImportAsync(partnershipId, ToolTemplates.Find("trigger-trio")!.Document);
            versionId = await db.ToolVersions.Where(v => v.ToolId == tool.Id).Select(v => v.Id).SingleAsync();
        }

        var random = new Random(seed);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTimeOffset.UtcNow;
        var builder = new DbContextOptionsBuilder<ParallaxDbContext>();
        builder.UseParallaxDatabase(settings);
        var stages = new[] { AuditStatus.ReturnsOpen, AuditStatus.ReturnsOpen, AuditStatus.Panel, AuditStatus.Reporting, AuditStatus.Actions, AuditStatus.Closed };
        var open = new[] { ReturnStatus.Requested, ReturnStatus.InProgress, ReturnStatus.ExtensionGranted };
        for (var batch = 0; batch < audits; batch += 10)
        {
            await using var db = new ParallaxDbContext(builder.Options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var a = batch; a < Math.Min(audits, batch + 10); a++)
            {
                var stage = stages[a % stages.Length];
                var due = today.AddDays(-28 + random.Next(57));
                var audit = new Audit
                {
                    PartnershipId = partnershipId, Title = $"Home audit {a + 1:D3}", Theme = "Daily use", ToolVersionId = versionId,
                    RequestsSentOn = due.AddDays(-21), ReturnWorkingDays = 15, ReturnsDueOn = due, Status = stage, CreatedAt = now.AddDays(-60),
                    PanelOn = stage is AuditStatus.ReturnsOpen or AuditStatus.Panel ? due.AddDays(14) : null,
                };
                db.Audits.Add(audit);
                for (var c = 0; c < cases; c++)
                {
                    var @case = new Case
                    {
                        PartnershipId = partnershipId, Uin = $"H-{a + 1:D3}-{c + 1}", Initials = "AB", AgeYears = c % 17, Sex = (Sex)(c % 2), Ethnicity = Ethnicities.NotRecorded,
                        LevelOfNeed = (LevelOfNeed)(c % 6), CreatedAt = now,
                        Household = [new HouseholdMember { Order = 1, Role = HouseholdRole.Mother, Initials = "CD" }],
                    };
                    db.Cases.Add(@case);
                    db.AuditCases.Add(new AuditCase { AuditId = audit.Id, CaseId = @case.Id, AddedAt = now });
                    foreach (var agency in agencyIds)
                    {
                        // Open audits keep about half their returns open; later stages have them all in.
                        var status = stage == AuditStatus.ReturnsOpen && random.Next(2) == 0 ? open[random.Next(open.Length)]
                            : random.Next(20) == 0 ? ReturnStatus.NotKnownToAgency : ReturnStatus.Submitted;
                        var request = new ReturnRequest { AuditId = audit.Id, CaseId = @case.Id, AgencyId = agency, Status = status, DueOn = due, SentAt = now.AddDays(-21), CreatedAt = now.AddDays(-21) };
                        db.ReturnRequests.Add(request);
                        if (status != ReturnStatus.Submitted && status != ReturnStatus.NotKnownToAgency && random.Next(10) == 0)
                            db.ReturnQueries.Add(new ReturnQuery { RequestId = request.Id, Status = QueryStatus.Open, RaisedById = Guid.Empty, RaisedBy = "bench", RaisedAt = now.AddDays(-2) });
                    }
                }

                if (stage == AuditStatus.Closed)
                {
                    db.ReportVersions.Add(new ReportVersion
                    {
                        AuditId = audit.Id, Number = 1, Content = "{}", GeneratedBy = "bench", GeneratedAt = now.AddDays(-7), IsFinal = true, FinalisedBy = "bench", FinalisedAt = now.AddDays(-7 + a % 7),
                    });
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }

        return partnershipId;
    }
}
