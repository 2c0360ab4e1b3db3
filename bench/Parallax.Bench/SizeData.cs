namespace Parallax.Bench;

/// <summary>
/// A shared installation at scale: ten fictional partnerships sharing one database, 100 audits of 100 returns
/// in all (10 cases × 10 agencies, 50 questions each: about 10,000 returns and 500,000 answers). Everything goes
/// through the product's own code, as a partnership would put it there: each partnership through the partnership
/// directory, its people through user administration, and each audit as an audit package through the package
/// importer (all or nothing, the trail recorded as for any import), with findings, recommendations and actions
/// through the action plans on audits past their panel. Seeded (the same answers every run); only the dates of the
/// audits still open follow today, so that today is their deadline day. Resumable: a partnership or audit already
/// there is left alone, so an interrupted run is started again with the same command.
/// </summary>
public static class SizeData
{
    public const string Password = "Size-bench-password-1234";
    public const int Partnerships = 10;
    public const int Agencies = 10;
    public const int Questions = 50;

    /// <summary>The partnership the crawl signs in to (its first).</summary>
    public static string PartnershipName(int p) => $"Benchshire {p + 1:D2} Safeguarding Children Partnership";

    public static string Email(int p, string who) => $"{who}@p{p + 1:D2}.benchshire.example";

    /// <summary>Its people: one of every role, and an agency auditor and an action owner for each agency.</summary>
    public static readonly (string Who, string Role, int? Agency)[] People =
    [
        ("admin", Roles.Administrator, null), ("lead", Roles.AuditLead, null), ("panel", Roles.PanelMember, null), ("viewer", Roles.Viewer, null),
        .. Enumerable.Range(1, Agencies).Select(a => ($"auditor-a{a:D2}", Roles.AgencyAuditor, (int?)a)),
        .. Enumerable.Range(1, Agencies).Select(a => ($"owner-a{a:D2}", Roles.ActionOwner, (int?)a)),
    ];

    private static readonly AgencyType[] AgencyTypes =
    [
        AgencyType.ChildrensSocialCare, AgencyType.Police, AgencyType.HealthVisiting, AgencyType.Education, AgencyType.GeneralPractice,
        AgencyType.AcuteHospital, AgencyType.Camhs, AgencyType.EarlyHelp, AgencyType.Midwifery, AgencyType.AdultMentalHealth,
    ];

    public static string AgencyCode(int a) => $"A{a:D2}";

    /// <summary>Makes (or completes) the installation: <paramref name="audits"/> audits spread over the ten partnerships, each with <paramref name="returnsPerAudit"/> returns.</summary>
    public static async Task MakeAsync(string provider, string connection, int audits, int returnsPerAudit, int seed = 22)
    {
        using var services = AuditData.Services(provider, connection);
        await using (var scope = services.CreateAsyncScope()) await DatabaseSetup.MigrateAsync(scope.ServiceProvider);
        var total = Stopwatch.StartNew();
        var casesPerAudit = Math.Max(1, returnsPerAudit / Agencies);
        var auditsPerPartnership = Math.Max(1, audits / Partnerships);
        for (var p = 0; p < Partnerships; p++)
        {
            Guid partnershipId;
            await using (var scope = services.CreateAsyncScope())
            {
                var s = scope.ServiceProvider;
                var db = s.GetRequiredService<ParallaxDbContext>();
                partnershipId = await db.Partnerships.Where(x => x.Name == PartnershipName(p)).Select(x => x.Id).FirstOrDefaultAsync();
                if (partnershipId == Guid.Empty)
                {
                    partnershipId = (await s.GetRequiredService<PartnershipDirectory>().AddAsync(PartnershipName(p))).Id;
                    var register = s.GetRequiredService<AgencyRegister>();
                    for (var a = 1; a <= Agencies; a++)
                        await register.AddAsync(partnershipId, new AgencyInput(AgencyCode(a), $"Benchshire {p + 1:D2} {Describe(AgencyTypes[a - 1])}", AgencyTypes[a - 1].ToString(), a % 2 == 0, null));
                    var users = s.GetRequiredService<UserAdministration>();
                    foreach (var (who, role, agency) in People)
                        await users.AddAsync(partnershipId, Email(p, who), [role], agency is { } n ? AgencyCode(n) : null, Password, $"{Capitalise(who)} of Benchshire {p + 1:D2}");
                }
            }

            for (var i = 0; i < auditsPerPartnership; i++)
            {
                var watch = Stopwatch.StartNew();
                await using var scope = services.CreateAsyncScope();
                var s = scope.ServiceProvider;
                var db = s.GetRequiredService<ParallaxDbContext>();
                var title = AuditTitle(i);
                var random = new Random((seed * 7919) + (p * 1009) + i);
                var package = Package(p, i, auditsPerPartnership, casesPerAudit, random);
                var audit = await db.Audits.FirstOrDefaultAsync(x => x.PartnershipId == partnershipId && x.Title == title);
                var imported = audit is null;
                audit ??= await s.GetRequiredService<AuditPackages>().ImportAsync(Caller.Lead(partnershipId, "size benchmark"), package, $"benchshire-{p + 1:D2}-{i + 1:D3}.json");
                // Its action plan in a transaction of its own: an interrupted run adds it on the next.
                if (audit.Status >= AuditStatus.Reporting && !await db.Recommendations.AnyAsync(r => r.AuditId == audit.Id)) await PlanAsync(s, partnershipId, audit.Id, random);
                if (!imported) continue;
                Console.WriteLine($"Partnership {p + 1}/{Partnerships}, audit {i + 1}/{auditsPerPartnership} ({audit.Status}): {package.Requests.Count} returns in {watch.Elapsed.TotalSeconds:F1} s; {total.Elapsed.TotalMinutes:F1} min so far");
            }
        }

        Console.WriteLine($"Done in {total.Elapsed.TotalMinutes:F1} min.");
    }

    public static string AuditTitle(int i) => $"Benchmark audit {i + 1:D3}";

    private static string Describe(AgencyType type) => type switch
    {
        AgencyType.ChildrensSocialCare => "Children's Services",
        AgencyType.Police => "Police",
        AgencyType.HealthVisiting => "Community Health",
        AgencyType.Education => "Schools",
        AgencyType.GeneralPractice => "Primary Care",
        AgencyType.AcuteHospital => "Hospitals Trust",
        AgencyType.Camhs => "CAMHS",
        AgencyType.EarlyHelp => "Early Help",
        AgencyType.Midwifery => "Maternity",
        _ => "Adult Mental Health",
    };

    private static string Capitalise(string who) => char.ToUpperInvariant(who[0]) + who[1..];

    /// <summary>
    /// One audit's package: the oldest audits of a partnership closed, then in their action plans, reporting and at panel;
    /// the newest two with returns open and due today (half submitted, a quarter in progress, the rest not started).
    /// </summary>
    private static AuditPackage Package(int p, int i, int auditsPerPartnership, int cases, Random random)
    {
        var open = i >= auditsPerPartnership - 2;
        var status = open ? AuditStatus.ReturnsOpen : (auditsPerPartnership - 3 - i) switch
        {
            0 => AuditStatus.Panel,
            1 => AuditStatus.Reporting,
            2 or 3 => AuditStatus.Actions,
            _ => AuditStatus.Closed,
        };
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var due = open ? today : new DateOnly(2025, 1, 20).AddDays(28 * i);
        var sent = due.AddDays(-14);
        var sentAt = new DateTimeOffset(sent.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var tool = new ToolDocument
        {
            Name = $"Multi-agency case audit tool ({AuditTitle(i)})",
            Sections = [.. Enumerable.Range(0, (Questions + 9) / 10).Select(sec => new SectionDocument
            {
                Title = $"Section {sec + 1}", HasJudgement = true, Applicability = SectionApplicability.AllAgencies, Scope = SectionScope.EachCase,
                Questions = [.. Enumerable.Range(1, Math.Min(10, Questions - (sec * 10))).Select(q => new QuestionDocument
                {
                    Code = $"Q{(sec * 10) + q}", Text = $"Was the question {(sec * 10) + q} of this audit met?", Kind = QuestionKind.YesNoNa, Required = true,
                })],
            })],
        };
        var caseList = Enumerable.Range(1, cases).Select(c => new PackagedCase(
            $"c{c}", $"B{p + 1:D2}-{i + 1:D3}-{c:D3}", Initials(random), random.Next(18), false, null, (Sex)(c % 2), Ethnicities.NotRecorded, null,
            (LevelOfNeed)(c % 4), c % 4 == 2 ? ProtectionCategory.Neglect : null, false, false, RiskFactors.None, [new PackagedMember($"c{c}m1", HouseholdRole.Mother, Initials(random))])).ToList();
        var requests = new List<PackagedRequest>();
        foreach (var c in caseList)
        {
            for (var a = 1; a <= Agencies; a++)
            {
                var roll = random.Next(4);
                var state = !open || roll < 2 ? ReturnStatus.Submitted : roll == 2 ? ReturnStatus.InProgress : ReturnStatus.Requested;
                PackagedReturn? saved = null;
                var at = sentAt.AddDays(1 + random.Next(12)).AddMinutes(random.Next(480));
                if (state != ReturnStatus.Requested)
                {
                    var answered = state == ReturnStatus.Submitted ? Questions : random.Next(Questions);
                    var answers = Enumerable.Range(1, answered).Select(q =>
                    {
                        var r = random.Next(10);
                        return new PackagedAnswer($"Q{q}", r < 6 ? AnswerFields.Yes : r < 9 ? AnswerFields.No : AnswerFields.NotApplicable, null,
                            r < 6 ? null : "A fictional comment of a typical length, explaining what was missing and what could have been done better.");
                    }).ToList();
                    var judgements = state == ReturnStatus.Submitted
                        ? Enumerable.Range(1, (Questions + 9) / 10).Select(sec => new PackagedJudgement(Core.Returns.JudgementScope.Section, sec, (Grade)(1 + random.Next(4)), null, "The reason for the grade, in a sentence.")).ToList()
                        : [];
                    saved = new PackagedReturn(at, state == ReturnStatus.Submitted ? at : null, state == ReturnStatus.Submitted ? $"Auditor A{a:D2}" : null,
                        "Good practice: the family were seen together and the plan was shared.", null, false, answers, judgements);
                }

                var history = new List<PackagedStatusChange> { new(ReturnStatus.Draft, ReturnStatus.Requested, null, due, "Lead", sentAt) };
                if (state != ReturnStatus.Requested) history.Add(new(ReturnStatus.Requested, ReturnStatus.InProgress, null, null, $"Auditor A{a:D2}", at.AddHours(-2)));
                if (state == ReturnStatus.Submitted) history.Add(new(ReturnStatus.InProgress, ReturnStatus.Submitted, null, null, $"Auditor A{a:D2}", at));
                requests.Add(new PackagedRequest(c.Key, AgencyCode(a), state, due, sentAt, null, saved, history, []));
            }
        }

        var panelled = status >= AuditStatus.Reporting;
        return new AuditPackage
        {
            ExportedAt = sentAt.AddDays(20),
            Audit = new PackagedAudit(AuditTitle(i), $"Theme {(i % 7) + 1}", null, "To learn how well agencies worked together for children in the sample.", null, cases,
                sent, 10, due, open ? today.AddDays(21) : due.AddDays(14), status, 3, CollationAccess.AfterDeadline),
            Tool = tool,
            Agencies = [.. Enumerable.Range(1, Agencies).Select(a => new PackagedAgency(AgencyCode(a), $"Benchshire {p + 1:D2} {Describe(AgencyTypes[a - 1])}", AgencyTypes[a - 1]))],
            Cases = caseList,
            Involvement = [.. caseList.SelectMany(c => Enumerable.Range(1, Agencies).Select(a => new PackagedInvolvement(c.Key, AgencyCode(a), null)))],
            Requests = requests,
            PanelMeeting = panelled ? new PackagedPanelMeeting(due.AddDays(14), ["Children's Services: head of service", "Police: detective inspector"]) : null,
            Panel = panelled ? [.. caseList.Select((c, n) => new PackagedPanelCase(c.Key, $"{9 + (n % 8)}:00", "A fictional pen picture of the child and the family.",
                "Agencies shared information quickly.", "The plan was not reviewed on time.", "Review plans within the timescale.", (Grade)(1 + random.Next(4)), null,
                "The panel agreed the grade after discussion.", "Lead", sentAt.AddDays(28)))] : [],
            Findings = [],
        };
    }

    private static string Initials(Random random) => $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}";

    /// <summary>Two findings, a recommendation and two actions (one for an agency, one for another), through the product's services.</summary>
    private static async Task PlanAsync(IServiceProvider s, Guid partnershipId, Guid auditId, Random random)
    {
        var db = s.GetRequiredService<ParallaxDbContext>();
        var findings = s.GetRequiredService<AuditFindings>();
        var theme = (await findings.ThemesAsync(partnershipId)).First();
        var cases = await db.AuditCases.Where(c => c.AuditId == auditId).OrderBy(c => c.CaseId).Select(c => c.CaseId).Take(3).ToListAsync();
        var agencies = await db.Agencies.Where(a => a.PartnershipId == partnershipId).OrderBy(a => a.Code).ToListAsync();
        var police = agencies[1];
        var first = await findings.AddAsync(partnershipId, auditId, new FindingInput(FindingKind.AreaForImprovement, FindingScope.SingleAgency, police.Id, theme.Id, "Chronologies were not kept up to date", cases));
        await findings.AddAsync(partnershipId, auditId, new FindingInput(FindingKind.Strength, FindingScope.WiderSystem, null, theme.Id, "Strategy discussions were held promptly", cases));
        var plans = s.GetRequiredService<ActionPlans>();
        var recommendation = await plans.AddRecommendationAsync(partnershipId, auditId,
            new RecommendationInput("Agencies to keep a chronology on every child protection case.", Addressee.Agency, null, police.Id, Priority.High, [first.Id]), "Lead");
        var dueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30 + random.Next(365));
        await plans.AddActionAsync(partnershipId, recommendation.Id, new ActionInput(police.Id, null, "Add a chronology prompt to the case recording system", "A dip sample shows chronologies", dueOn));
        await plans.AddActionAsync(partnershipId, recommendation.Id, new ActionInput(agencies[0].Id, null, "Brief every team on keeping chronologies", "Briefings held and recorded", dueOn.AddDays(30)));
    }
}
