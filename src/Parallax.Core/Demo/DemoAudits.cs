namespace Parallax.Core.Demo;

/// <summary>
/// Two fictional audits so every screen has something true to show: one with returns open past its
/// deadline (some submitted, some in progress, some overdue, one not known to the agency, one extended),
/// and an earlier one fully returned and waiting for its panel. Answers go through the real services, so
/// they pass the same checks a person's would. Everything here is invented.
/// </summary>
public sealed class DemoAudits(ParallaxDbContext db, ToolCatalogue tools, CaseRegister register, ReturnRequests requests, ReturnCompletion completion, PartnershipCalendar calendar, Panels.PanelRecords panels, ReturnQueries queries, Findings.AuditFindings findings, TimeProvider clock)
{
    public const string OpenTitle = "Domestic abuse: the experience of children under 5";
    public const string EarlierTitle = "Trigger trio: outcomes for children";

    private sealed record DemoCase(string Uin, string Initials, int? Age, Sex Sex, string Ethnicity, string Area, LevelOfNeed Level, ProtectionCategory? Category, bool Section20, bool Marac, RiskFactors Risks, string Household, string Agencies);

    // Agencies as "CODE" (knows the child) or "CODE:role" (knows that household member).
    private static readonly DemoCase[] OpenCases =
    [
        new("NM-24-101", "AB", 2, Sex.Female, "White: English, Welsh, Scottish, Northern Irish or British", "North", LevelOfNeed.ChildProtection, ProtectionCategory.Emotional, false, true, RiskFactors.DomesticAbuse | RiskFactors.ParentalMentalHealth, "mother KB; partner DS", "CSC HV GP POL:partner AMH:mother"),
        new("NM-24-102", "CJ", null, Sex.NotKnown, "Mixed or multiple ethnic groups: White and Black Caribbean", "South", LevelOfNeed.PreBirth, null, false, false, RiskFactors.DomesticAbuse | RiskFactors.ParentalSubstanceMisuse, "mother TJ; father RL", "CSC MAT GP SMS:mother"),
        new("NM-24-103", "EF", 4, Sex.Male, "Asian, Asian British or Asian Welsh: Pakistani", "East", LevelOfNeed.ChildInNeed, null, false, false, RiskFactors.DomesticAbuse, "mother SF; father AF; sibling MF", "CSC HV EDU POL:father"),
        new("NM-24-104", "GH", 1, Sex.Female, "White: Any other White background", "West", LevelOfNeed.ChildProtection, ProtectionCategory.Neglect, false, true, RiskFactors.DomesticAbuse | RiskFactors.Neglect, "mother LH; partner PW", "CSC HV GP HOU:mother POL:partner"),
        new("NM-24-105", "IK", 3, Sex.Male, "Black, Black British, Black Welsh, Caribbean or African: African", "North", LevelOfNeed.ChildLookedAfter, null, true, false, RiskFactors.DomesticAbuse | RiskFactors.ParentalSubstanceMisuse, "mother OK", "CSC HV GP"),
        new("NM-24-106", "LM", 0, Sex.Female, "White: Gypsy or Irish Traveller", "South", LevelOfNeed.EarlyHelp, null, false, false, RiskFactors.DomesticAbuse, "mother BM; father JM", "EH HV GP DAS:mother"),
        new("NM-24-107", "NP", 4, Sex.Male, "White: English, Welsh, Scottish, Northern Irish or British", "East", LevelOfNeed.PublicLawOutline, null, false, true, RiskFactors.DomesticAbuse | RiskFactors.ParentalMentalHealth | RiskFactors.ParentalSubstanceMisuse, "mother CP; father GP; sibling RP", "CSC EDU POL:father PROB:father"),
        new("NM-24-108", "QR", 2, Sex.Female, "Not recorded", "West", LevelOfNeed.ChildInNeed, null, false, false, RiskFactors.DomesticAbuse, "mother HR", "CSC HV GP"),
    ];

    private static readonly DemoCase[] EarlierCases =
    [
        new("NM-23-201", "ST", 9, Sex.Male, "White: English, Welsh, Scottish, Northern Irish or British", "North", LevelOfNeed.ChildProtection, ProtectionCategory.Neglect, false, false, RiskFactors.ParentalSubstanceMisuse | RiskFactors.ParentalMentalHealth | RiskFactors.DomesticAbuse, "mother VT; father WT", "CSC EDU GP SMS:father"),
        new("NM-23-202", "UV", 13, Sex.Female, "Asian, Asian British or Asian Welsh: Indian", "South", LevelOfNeed.ChildInNeed, null, false, true, RiskFactors.DomesticAbuse | RiskFactors.ParentalMentalHealth, "mother NV; partner YZ", "CSC EDU CAMHS POL:partner"),
        new("NM-23-203", "WX", 6, Sex.Male, "White: Irish", "East", LevelOfNeed.ChildProtection, ProtectionCategory.Multiple, false, true, RiskFactors.DomesticAbuse | RiskFactors.ParentalSubstanceMisuse, "mother DX; father EX", "CSC EDU HV SMS:mother"),
        new("NM-23-204", "YA", 15, Sex.Female, "Other ethnic group: Arab", "West", LevelOfNeed.ChildLookedAfter, null, false, false, RiskFactors.ParentalMentalHealth, "mother FA", "CSC EDU CAMHS AMH:mother"),
    ];

    /// <summary>Detail audits record about a case, so the demo's sample table shows each kind: a baby's age in months, a repeat or historic MARAC.</summary>
    private static readonly Dictionary<string, (int? Months, MaracDetail Marac, int? Year)> Detail = new()
    {
        ["NM-24-101"] = (null, MaracDetail.Repeat, null),
        ["NM-24-104"] = (null, MaracDetail.Historic, 2019),
        ["NM-24-106"] = (4, MaracDetail.None, null),
        ["NM-23-203"] = (null, MaracDetail.Repeat, null),
    };

    private static readonly string[] NoComments =
    [
        "No record that the child's views or daily experience were sought in this period.",
        "The referral did not say that mother's partner lived at the address, so the risk he posed was not assessed.",
        "The chronology was not updated after the strategy discussion; earlier incidents were not brought together.",
        "Actions in the plan had no timescales and no named lead, so progress could not be measured.",
        "Father was not invited to the core group and his views are not recorded.",
        "The assessment relied on mother's account; other agencies were not asked what they knew.",
    ];

    private static readonly string[] NaComments =
    [
        "No plan was in place during the lookback period.",
        "Our agency had no contact with this part of the family's support in the period.",
    ];

    private static readonly string[] Reasons =
    [
        "Risks were identified early and shared promptly, but the plan was not reviewed when circumstances changed.",
        "Good engagement with mother; the child's lived experience is visible in the records.",
        "Information was held by our agency but not passed to the lead professional until after the incident.",
        "Management oversight is recorded at each key point and decisions are explained.",
    ];

    /// <summary>Adds the audits unless they are there already.</summary>
    public async Task LoadAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var existing = await db.Audits.Where(a => a.PartnershipId == partnershipId).Select(a => a.Title).ToListAsync(ct);
        var holidays = await calendar.HolidaysAsync(partnershipId, ct);
        var today = calendar.Today;
        if (!existing.Contains(EarlierTitle))
            await CreateAsync(partnershipId, EarlierTitle, "Cumulative risk where domestic abuse, parental substance misuse and mental ill health meet", "trigger-trio",
                Back(today, 70, holidays), 15, EarlierCases, AuditStatus.Panel, seed: 23, ct);
        if (!existing.Contains(OpenTitle))
            await CreateAsync(partnershipId, OpenTitle, "Domestic abuse: the lived experience of babies and children under 5", "jtai-domestic-abuse",
                Back(today, 12, holidays), 10, OpenCases, AuditStatus.ReturnsOpen, seed: 24, ct);
    }

    private async Task CreateAsync(Guid partnershipId, string title, string theme, string templateKey, DateOnly sentOn, int workingDays,
        DemoCase[] cases, AuditStatus status, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var holidays = await calendar.HolidaysAsync(partnershipId, ct);
        var version = await db.ToolVersions.Include(v => v.Sections).ThenInclude(s => s.Questions)
            .Where(v => v.Tool!.PartnershipId == partnershipId && v.Tool.TemplateKey == templateKey).OrderBy(v => v.Number).FirstAsync(ct);
        var audit = new Audit
        {
            PartnershipId = partnershipId, Title = title, Theme = theme,
            ThemeSource = status == AuditStatus.Panel ? "Annual audit programme" : "Rapid Review themes and JTAI preparation",
            TermsOfReference = "To test how well agencies identify and respond to the risks to the child, whether the child's lived experience is understood, and how well learning from previous audits has been embedded.",
            ToolVersionId = version.Id, LookbackRule = "The 6 months before the case was selected",
            SampleSource = "Cases open to children's social care or early help with domestic abuse recorded at assessment, and cases heard at MARAC in the quarter before the audit, chosen to cover every level of need and the four areas.",
            SampleSizeTarget = cases.Length, RequestsSentOn = sentOn, ReturnWorkingDays = workingDays,
            ReturnsDueOn = WorkingDays.Add(sentOn, workingDays, holidays), PanelOn = WorkingDays.Add(sentOn, workingDays + 10, holidays),
            Status = AuditStatus.Planning, CreatedAt = clock.GetUtcNow(),
        };
        db.Audits.Add(audit);
        await db.SaveChangesAsync(ct);
        await tools.FreezeAsync(version.Id, ct);

        var agencies = await db.Agencies.Where(a => a.PartnershipId == partnershipId).ToDictionaryAsync(a => a.Code, ct);
        foreach (var c in cases)
        {
            var household = c.Household.Split(';', StringSplitOptions.TrimEntries).Select(h => h.Split(' ')).Select(p => new HouseholdInput(Role(p[0]), p[1])).ToList();
            var @case = await register.AddToSampleAsync(partnershipId, audit.Id, new CaseInput(c.Uin, c.Initials, c.Age, c.Age is null, c.Age is null ? sentOn.AddMonths(3) : null,
                c.Sex, c.Ethnicity, c.Area, c.Level, c.Category, c.Section20, c.Marac, c.Risks, household,
                Detail.GetValueOrDefault(c.Uin).Months, Detail.GetValueOrDefault(c.Uin).Marac, Detail.GetValueOrDefault(c.Uin).Year), ct);
            var involvement = c.Agencies.Split(' ').Select(a => a.Split(':')).Select(p => (agencies[p[0]].Id, p.Length == 1 ? (Guid?)null : @case.Household.Single(h => h.Role == Role(p[1])).Id)).ToList();
            await requests.SetInvolvementAsync(partnershipId, audit.Id, @case.Id, involvement, ct);
            // One long-lived context: without clearing, every save would re-scan everything saved before it.
            db.ChangeTracker.Clear();
        }

        await requests.GenerateAsync(partnershipId, audit.Id, ct);
        await requests.SendAsync(partnershipId, audit.Id, "demo lead", ct);
        var sent = await db.ReturnRequests.Where(r => r.AuditId == audit.Id).OrderBy(r => r.Id).ToListAsync(ct);
        foreach (var request in sent) request.SentAt = new DateTimeOffset(sentOn.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // The earlier audit: everything returned. The open one: a realistic mix, decided by position so it is the same every time.
        for (var i = 0; i < sent.Count; i++)
        {
            var request = sent[i];
            var outcome = status == AuditStatus.Panel ? "submit" : (i % 9) switch
            {
                0 or 2 or 3 or 5 or 7 => "submit",
                1 or 6 => "draft",
                4 => i == 4 ? "not-known" : "extension",
                _ => "none",
            };
            var context = (await completion.LoadAsync(partnershipId, request.AgencyId, request.Id, ct))!;
            switch (outcome)
            {
                case "submit":
                    await completion.SubmitAsync(context, null, Answers(context, random, complete: true), confirmIdentifiers: true, "demo auditor", ct);
                    break;
                case "draft":
                    await completion.SaveDraftAsync(context, null, Answers(context, random, complete: false), ct);
                    break;
                case "not-known":
                    await requests.MarkNotKnownAsync(await requests.FindAsync(partnershipId, audit.Id, request.Id, ct), "No record of the child or of the adults linked to them in the lookback period.", "demo auditor", ct);
                    break;
                case "extension":
                    await requests.GrantExtensionAsync(await requests.FindAsync(partnershipId, audit.Id, request.Id, ct), WorkingDays.Add(calendar.Today, 5, holidays), "Records are held off site and have been requested.", "demo lead", ct);
                    break;
            }

            db.ChangeTracker.Clear();
        }

        var stored = await db.Audits.SingleAsync(a => a.Id == audit.Id, ct);
        stored.Status = status;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        if (status == AuditStatus.Panel) await PanelAsync(partnershipId, audit.Id, random, ct);
    }

    /// <summary>The earlier audit's panel: a query answered and closed, a record for every case, and findings.</summary>
    private async Task PanelAsync(Guid partnershipId, Guid auditId, Random random, CancellationToken ct)
    {
        var lead = await db.Members(partnershipId).AsNoTracking().Where(m => m.AgencyId == null).Select(m => m.User!).FirstAsync(u => u.Email!.StartsWith("lead@"), ct);
        var sent = await db.ReturnRequests.AsNoTracking().Where(r => r.AuditId == auditId).OrderBy(r => r.Id).ToListAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var first = sent.First(r => agencies[r.AgencyId] == "CSC");
        var query = await queries.RaiseAsync(partnershipId, auditId, first.Id, "TT2", "Which plan does this answer refer to: the child protection plan or the earlier child in need plan?", lead.Id, lead.Email!, ct);
        await queries.ReplyAsync(partnershipId, first.AgencyId, query.Id, "The child protection plan agreed at the initial conference.", "demo auditor", ct);
        await queries.CloseAsync(new Users.Caller(lead.Id, partnershipId, null, new HashSet<string> { Users.Roles.AuditLead }, lead.Email!), query.Id, ct);
        var second = sent.First(r => agencies[r.AgencyId] == "EDU");
        await queries.RaiseAsync(partnershipId, auditId, second.Id, null, "Was the school invited to the core group meetings?", lead.Id, lead.Email!, ct);

        var cases = await db.AuditCases.Where(ac => ac.AuditId == auditId).Join(db.Cases, ac => ac.CaseId, c => c.Id, (ac, c) => new { c.Id, c.Uin, c.Initials, c.AgeYears })
            .OrderBy(c => c.Uin).ToListAsync(ct);
        var grades = new[] { Grade.RequiresImprovement, Grade.Good, Grade.RequiresImprovement, Grade.RequiresImprovement };
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            await panels.SaveAsync(partnershipId, auditId, c.Id, null, new Panels.PanelCaseInput(
                $"{10 + i}:00 to {10 + i}:45",
                $"{c.Initials}, aged {c.AgeYears}, lives with their mother; the family has been known to services for two years.",
                "Agencies shared information promptly at the strategy discussion, and the child was seen alone.",
                "The plan did not say who would check that the father's engagement with treatment continued.",
                "Chronologies need to be brought together when concerns repeat.",
                grades[i % grades.Length], i == 1 ? "with elements of outstanding" : null,
                "The panel weighed the agencies' judgements against the outcomes for the child in the period."), "demo lead", ct);
        }

        var themes = await findings.ThemesAsync(partnershipId, ct);
        Guid Theme(string name) => themes.First(t => t.Name == name).Id;
        var csc = agencies.First(a => a.Value == "CSC").Key;
        await findings.AddAsync(partnershipId, auditId, new Findings.FindingInput(Findings.FindingKind.Strength, Findings.FindingScope.WiderSystem, null, Theme("Information sharing"),
            "Information was shared promptly between police, children's social care and schools at the point of referral.", [cases[0].Id, cases[2].Id]), ct);
        await findings.AddAsync(partnershipId, auditId, new Findings.FindingInput(Findings.FindingKind.AreaForImprovement, Findings.FindingScope.ThemeSpecific, null, Theme("Fathers and significant males"),
            "Fathers and partners were rarely seen or assessed, even when they were the source of risk.", [cases[0].Id, cases[1].Id, cases[2].Id]), ct);
        await findings.AddAsync(partnershipId, auditId, new Findings.FindingInput(Findings.FindingKind.AreaForImprovement, Findings.FindingScope.SingleAgency, csc, Theme("Chronology"),
            "Chronologies were not updated after strategy discussions, so repeated concerns were not seen together.", [cases[3].Id]), ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Answers that pass the tool's checks (or, for a draft, the first half of them).</summary>
    private static ToolAnswers Answers(ReturnContext context, Random random, bool complete)
    {
        var answers = new ToolAnswers
        {
            GoodPractice = context.ToolVersion.AsksGoodPractice && complete ? "Home visits were unannounced as well as planned, and the child was seen alone." : null,
            OtherComments = null,
            AgencyJudgement = context.ToolVersion.AsksOverallAgencyJudgement && complete ? new JudgementAnswer(Pick(random), null, Reasons[random.Next(Reasons.Length)]) : null,
            PartnershipJudgement = context.ToolVersion.AsksPartnershipJudgement && complete ? new JudgementAnswer(Pick(random), null, Reasons[random.Next(Reasons.Length)]) : null,
        };
        var questions = context.ToolVersion.Sections.Where(context.Applies).SelectMany(s => s.Questions.OrderBy(q => q.Order)).ToList();
        foreach (var question in complete ? questions : questions.Take(questions.Count / 2))
        {
            answers.Questions[question.Code] = question.Kind switch
            {
                QuestionKind.YesNoNa => (random.Next(10)) switch
                {
                    < 6 => new QuestionAnswer(AnswerFields.Yes),
                    < 9 => new QuestionAnswer(AnswerFields.No, null, NoComments[random.Next(NoComments.Length)]),
                    _ => new QuestionAnswer(AnswerFields.NotApplicable, null, NaComments[random.Next(NaComments.Length)]),
                },
                QuestionKind.SingleChoice => new QuestionAnswer(question.Options[random.Next(question.Options.Count)]),
                QuestionKind.MultipleChoice => new QuestionAnswer(null, [question.Options[0]]),
                QuestionKind.Date => new QuestionAnswer("2024-03-27"),
                QuestionKind.Number => new QuestionAnswer("2"),
                _ => new QuestionAnswer(random.Next(2) == 0 ? NoComments[random.Next(NoComments.Length)] : Reasons[random.Next(Reasons.Length)]),
            };
        }

        if (complete)
        {
            foreach (var section in context.ToolVersion.Sections.Where(s => s.HasJudgement && context.Applies(s)))
                answers.SectionJudgements[section.Id] = new JudgementAnswer(Pick(random), random.Next(5) == 0 ? "with elements of RI" : null, Reasons[random.Next(Reasons.Length)]);
        }

        return answers;
    }

    private static Grade Pick(Random random) => random.Next(10) switch { 0 => Grade.Outstanding, < 5 => Grade.Good, < 9 => Grade.RequiresImprovement, _ => Grade.Inadequate };

    private static HouseholdRole Role(string text) => text switch
    {
        "mother" => HouseholdRole.Mother,
        "father" => HouseholdRole.Father,
        "partner" => HouseholdRole.StepParentOrPartner,
        "sibling" => HouseholdRole.Sibling,
        _ => HouseholdRole.OtherAdult,
    };

    private static DateOnly Back(DateOnly from, int workingDays, BankHolidays holidays)
    {
        var day = from;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(-1);
            if (holidays.IsWorkingDay(day)) counted++;
        }

        return day;
    }
}
