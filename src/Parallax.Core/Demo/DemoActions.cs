namespace Parallax.Core.Demo;

/// <summary>
/// Follow-through for the demo: recommendations and actions on the earlier audit (one on track, one at
/// risk, one overdue, one closed with evidence), and three years of earlier fictional audits with
/// findings and panel judgements, so learning over time and the executive dashboard have trends. A
/// theme ("Chronology") comes back in three audits within two years after its action was completed.
/// Everything here is invented.
/// </summary>
public sealed class DemoActions(ParallaxDbContext db, ActionPlans plans, AuditFindings findings, PanelRecords panels, PartnershipCalendar calendar)
{
    private sealed record PastAudit(string Title, int MonthsAgo, (FindingKind Kind, string Theme, string Text)[] Findings, Grade[] Judgements);

    private static readonly PastAudit[] History =
    [
        new("Neglect: children living with chronic neglect", 34,
            [(FindingKind.AreaForImprovement, "Chronology", "Agencies' chronologies were not brought together, so drift was not seen."),
             (FindingKind.AreaForImprovement, "Voice of the child", "Children's wishes and feelings were rarely recorded.")],
            [Grade.RequiresImprovement, Grade.Inadequate, Grade.RequiresImprovement]),
        new("Adolescents at risk of exploitation", 26,
            [(FindingKind.Strength, "Information sharing", "Missing episodes were shared with the police the same day."),
             (FindingKind.AreaForImprovement, "Escalation", "Disagreements about thresholds were not escalated.")],
            [Grade.Good, Grade.RequiresImprovement, Grade.RequiresImprovement]),
        new("Pre-birth assessments", 18,
            [(FindingKind.AreaForImprovement, "Chronology", "Previous children's histories were not considered in pre-birth planning."),
             (FindingKind.Strength, "Voice of the child", "Older siblings were seen alone and their views recorded.")],
            [Grade.Good, Grade.Good, Grade.RequiresImprovement]),
        new("Children in need: step-down to early help", 9,
            [(FindingKind.AreaForImprovement, "Chronology", "Early help did not receive the chronology at step-down."),
             (FindingKind.Strength, "Management oversight", "Step-down decisions were recorded with the manager's reasons.")],
            [Grade.Good, Grade.Good, Grade.Outstanding]),
    ];

    public async Task LoadAsync(Guid partnershipId, CancellationToken ct = default)
    {
        if (await db.Recommendations.AnyAsync(r => r.PartnershipId == partnershipId, ct)) return;
        var today = calendar.Today;
        var holidays = await calendar.HolidaysAsync(partnershipId, ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        var csc = await db.MembersOf(partnershipId).AsNoTracking().Where(u => u.Email!.StartsWith("actions.csc@")).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var police = await db.MembersOf(partnershipId).AsNoTracking().Where(u => u.Email!.StartsWith("auditor.police@")).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        await HistoryAsync(partnershipId, today, agencies["CSC"], ct);

        var audit = await db.Audits.AsNoTracking().FirstAsync(a => a.PartnershipId == partnershipId && a.Title == DemoAudits.EarlierTitle, ct);
        var auditFindings = await db.Findings.AsNoTracking().Where(f => f.AuditId == audit.Id).ToListAsync(ct);
        var made = audit.ReturnsDueOn.ToDateTime(new TimeOnly(12, 0));

        async Task<Recommendation> RecommendAsync(string text, Addressee addressee, Guid? agency, Priority priority, string? findingStart)
        {
            var ids = findingStart is null ? [] : auditFindings.Where(f => f.Text.StartsWith(findingStart, StringComparison.Ordinal)).Select(f => f.Id).ToList();
            var recommendation = await plans.AddRecommendationAsync(partnershipId, audit.Id, new RecommendationInput(text, addressee, null, agency, priority, ids), "demo lead", ct);
            // Made at the panel, some weeks ago, so that one action can already be overdue.
            await db.Recommendations.Where(r => r.Id == recommendation.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, new DateTimeOffset(made, TimeSpan.Zero)), ct);
            return recommendation;
        }

        var chronology = await RecommendAsync("In order to see repeated concerns together, Northmoor Children's Social Care to update the chronology after every strategy discussion.",
            Addressee.Agency, agencies["CSC"], Priority.High, "Chronologies were not updated");
        var onTrack = await plans.AddActionAsync(partnershipId, chronology.Id, new ActionInput(agencies["CSC"], csc, "Add a chronology step to the strategy discussion template",
            "A dip sample of 10 cases shows the chronology updated within 5 working days in 8", WorkingDays.Add(today, 30, holidays)), ct);
        await plans.ReportAsync(partnershipId, onTrack.Id, agencies["CSC"], new ProgressInput(ActionProgress.OnTrack, "The template change is drafted and goes to the practice group next month.", [], []), "Demo children's social care action owner", ct);

        var fathers = await RecommendAsync("In order to assess the risk posed by fathers and partners, agencies to record every adult in the household at referral and invite fathers to core groups.",
            Addressee.Partnership, null, Priority.High, "Fathers and partners");
        await plans.AddActionAsync(partnershipId, fathers.Id, new ActionInput(agencies["POL"], police, "Include partners' police history in every strategy discussion",
            "Partners' histories recorded in 9 of 10 strategy discussions sampled", WorkingDays.Add(audit.ReturnsDueOn, 10, holidays)), ct);
        var atRisk = await plans.AddActionAsync(partnershipId, fathers.Id, new ActionInput(agencies["HV"], null, "Ask about fathers and partners at every new-birth visit",
            "New-birth records name the father or partner in 95% of visits", WorkingDays.Add(today, 15, holidays)), ct);
        await plans.ReportAsync(partnershipId, atRisk.Id, agencies["HV"], new ProgressInput(ActionProgress.AtRisk, "The records system change is delayed by the supplier.", [], []), "Demo health visiting auditor", ct);

        var escalation = await RecommendAsync("In order to resolve professional disagreements quickly, the partnership to relaunch its escalation protocol with a named contact in each agency.",
            Addressee.Partnership, null, Priority.Medium, null);
        var closed = await plans.AddActionAsync(partnershipId, escalation.Id, new ActionInput(agencies["CSC"], csc, "Publish the revised escalation protocol and brief team managers",
            "Protocol published; every team manager briefed", WorkingDays.Add(today, 5, holidays)), ct);
        await plans.ReportAsync(partnershipId, closed.Id, agencies["CSC"], new ProgressInput(ActionProgress.Complete, "The protocol is published and all 14 team managers were briefed.",
            ["https://northmoor-scp.example/procedures/escalation"], [new EvidenceUpload("briefing-attendance.csv", "team,briefed\nNorth,yes\nSouth,yes\nEast,yes\nWest,yes\n"u8.ToArray())]), "Demo children's social care action owner", ct);
        await plans.CloseAsync(Caller.Lead(partnershipId, "demo lead"), closed.Id, ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Earlier, closed audits: findings, a panel judgement per case, and on the first a chronology action completed before the theme came back twice.</summary>
    private async Task HistoryAsync(Guid partnershipId, DateOnly today, Guid csc, CancellationToken ct)
    {
        var version = await db.ToolVersions.AsNoTracking().Where(v => v.Tool!.PartnershipId == partnershipId && v.Tool.TemplateKey == "trigger-trio").OrderBy(v => v.Number).FirstAsync(ct);
        var themes = (await findings.ThemesAsync(partnershipId, ct)).ToDictionary(t => t.Name, t => t.Id);
        foreach (var (past, index) in History.Select((p, i) => (p, i)))
        {
            var sent = today.AddMonths(-past.MonthsAgo);
            var audit = new Audit
            {
                PartnershipId = partnershipId, Title = past.Title, Theme = past.Title, ThemeSource = "Annual audit programme", ToolVersionId = version.Id,
                RequestsSentOn = sent, ReturnWorkingDays = 15, ReturnsDueOn = sent.AddDays(21), PanelOn = sent.AddDays(35), Status = AuditStatus.Closed,
                CreatedAt = new DateTimeOffset(sent.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero),
            };
            db.Audits.Add(audit);
            var cases = past.Judgements.Select((_, c) => new Case
            {
                PartnershipId = partnershipId, Uin = $"NM-H{index + 1}-{c + 1:D2}", Initials = $"{(char)('A' + c)}{(char)('K' + index)}", AgeYears = 3 + (4 * c) + index,
                Sex = c % 2 == 0 ? Sex.Female : Sex.Male, Ethnicity = Ethnicities.NotRecorded, Area = c % 2 == 0 ? "North" : "South", LevelOfNeed = LevelOfNeed.ChildInNeed, CreatedAt = audit.CreatedAt,
            }).ToList();
            db.Cases.AddRange(cases);
            db.AuditCases.AddRange(cases.Select(c => new AuditCase { AuditId = audit.Id, CaseId = c.Id, AddedAt = audit.CreatedAt }));
            await db.SaveChangesAsync(ct);
            for (var c = 0; c < cases.Count; c++)
                await panels.SaveAsync(partnershipId, audit.Id, cases[c].Id, null, new PanelCaseInput(null, null, null, null, null, past.Judgements[c], null, "Agreed at the panel."), "demo lead", ct);
            foreach (var (kind, theme, text) in past.Findings)
                await findings.AddAsync(partnershipId, audit.Id, new FindingInput(kind, FindingScope.WiderSystem, null, themes[theme], text, [cases[0].Id]), ct);

            if (index != 0) continue;
            var chronology = await db.Findings.AsNoTracking().Where(f => f.AuditId == audit.Id && f.ThemeId == themes["Chronology"]).Select(f => f.Id).FirstAsync(ct);
            var recommendation = await plans.AddRecommendationAsync(partnershipId, audit.Id, new RecommendationInput(
                "In order to see drift, agencies to share their chronologies with the lead professional at every review.", Addressee.Partnership, null, null, Priority.High, [chronology]), "demo lead", ct);
            var action = await plans.AddActionAsync(partnershipId, recommendation.Id, new ActionInput(csc, null, "Add chronology sharing to the review agenda", "Agenda changed; 8 of 10 reviews sampled show chronologies shared", today), ct);
            await plans.ReportAsync(partnershipId, action.Id, csc, new ProgressInput(ActionProgress.Complete, "The review agenda now has a chronology item.", ["https://northmoor-scp.example/procedures/review-agenda"], []), "demo owner", ct);
            await plans.CloseAsync(Caller.Lead(partnershipId, "demo lead"), action.Id, ct);
            // Completed two months after that audit: before the theme was found again.
            var done = new DateTimeOffset(sent.AddMonths(2).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            await db.Recommendations.Where(r => r.Id == recommendation.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, audit.CreatedAt), ct);
            await db.PlanActions.Where(a => a.Id == action.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CompletedAt, done).SetProperty(a => a.ClosedAt, done).SetProperty(a => a.DueOn, sent.AddMonths(2)), ct);
        }
    }
}
