using Xunit;

namespace Parallax.Tests.Infrastructure;

/// <summary>Builders for audits and their samples, made through the real services.</summary>
public static class TestAudits
{
    /// <summary>
    /// An audit on a fresh copy of a tool template, the trigger-trio tool unless another is named: requests on
    /// Mon 3 June 2030, 10 working days, 6 cases planned.
    /// </summary>
    public static async Task<Audit> CreateAsync(IServiceProvider services, Guid partnershipId, string title = "Test audit", string template = "trigger-trio", string topic = "Trigger trio")
    {
        var tool = await services.GetRequiredService<ToolCatalogue>().ImportAsync(partnershipId, ToolTemplates.Find(template)!.Document);
        return await services.GetRequiredService<AuditPlanner>().CreateAsync(partnershipId,
            new AuditPlan(title, topic, null, null, tool.Id, 1, null, 6, new DateOnly(2030, 6, 3), 10, null), BankHolidays.EnglandAndWales);
    }

    /// <summary>A four-year-old, child in need, added to the audit's sample.</summary>
    public static Task<Case> AddCaseAsync(IServiceProvider services, Guid partnershipId, Guid auditId, string uin, params HouseholdInput[] household) =>
        services.GetRequiredService<CaseRegister>().AddToSampleAsync(partnershipId, auditId, new CaseInput(
            uin, "JT", 4, false, null, Sex.Male, Ethnicities.NotRecorded, null, LevelOfNeed.ChildInNeed, null, false, false, RiskFactors.None, household));

    /// <summary>An audit on the trigger-trio tool with one case known to each of <paramref name="agencies"/> (the child), its requests generated and sent.</summary>
    public static async Task<(Audit Audit, Case Case, List<ReturnRequest> Requests)> SentAsync(IServiceProvider services, Guid partnershipId, string title, string uin, params Guid[] agencies) =>
        await SentAsync(services, partnershipId, await CreateAsync(services, partnershipId, title), uin, agencies);

    /// <summary><paramref name="audit"/> with one case known to each of <paramref name="agencies"/> (the child), its requests generated and sent.</summary>
    public static async Task<(Audit Audit, Case Case, List<ReturnRequest> Requests)> SentAsync(IServiceProvider services, Guid partnershipId, Audit audit, string uin, params Guid[] agencies)
    {
        var @case = await AddCaseAsync(services, partnershipId, audit.Id, uin);
        var requests = services.GetRequiredService<ReturnRequests>();
        await requests.SetInvolvementAsync(partnershipId, audit.Id, @case.Id, [.. agencies.Select(a => (a, (Guid?)null))]);
        await requests.GenerateAsync(partnershipId, audit.Id);
        await requests.SendAsync(partnershipId, audit.Id, TestPartnership.Lead);
        return (audit, @case, await services.GetRequiredService<ParallaxDbContext>().ReturnRequests.Where(r => r.AuditId == audit.Id).ToListAsync());
    }

    /// <summary>
    /// A sent audit with one case known to the police, its finding that chronologies were not kept, the recommendation
    /// to the police and their one action, due on <paramref name="due"/>.
    /// </summary>
    public static async Task<PlanAction> PoliceActionAsync(IServiceProvider services, TestPartnership data, string title, string uin, DateOnly due)
    {
        var partnership = data.Partnership.Id;
        var (audit, @case, _) = await SentAsync(services, partnership, title, uin, data.Police.Id);
        var findings = services.GetRequiredService<AuditFindings>();
        var theme = (await findings.ThemesAsync(partnership)).First();
        var finding = await findings.AddAsync(partnership, audit.Id, new FindingInput(FindingKind.AreaForImprovement, FindingScope.SingleAgency, data.Police.Id, theme.Id, "Chronologies were not kept", [@case.Id]));
        var plans = services.GetRequiredService<ActionPlans>();
        var recommendation = await plans.AddRecommendationAsync(partnership, audit.Id,
            new RecommendationInput("Testshire Police to keep a chronology on every child protection case.", Addressee.Agency, null, data.Police.Id, Priority.High, [finding.Id]), "lead");
        return await plans.AddActionAsync(partnership, recommendation.Id,
            new ActionInput(data.Police.Id, null, "Add a chronology prompt", "A dip sample shows chronologies", due));
    }

    public static string NewUin(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..5]}";

    /// <summary>
    /// The hand-built audit of the figures tests: 5 cases; the police and the school submit on cases 0-3
    /// (8 returns), the police's return on case 4 stays a draft. The answers are set so every figure can be
    /// worked out by hand (see AnalysisTests).
    /// </summary>
    public static async Task<Guid> FiguresAuditAsync(IServiceProvider services, TestPartnership data, string title = "Figures audit")
    {
        var partnership = data.Partnership.Id;
        var audit = await CreateAsync(services, partnership, title);
        var requests = services.GetRequiredService<ReturnRequests>();
        for (var k = 0; k < 5; k++)
        {
            var @case = await AddCaseAsync(services, partnership, audit.Id, NewUin($"FG{k}"));
            // The fifth case is known to the police only, whose return stays a draft.
            await requests.SetInvolvementAsync(partnership, audit.Id, @case.Id, k < 4 ? [(data.Police.Id, null), (data.School.Id, null)] : [(data.Police.Id, null)]);
        }

        await requests.GenerateAsync(partnership, audit.Id);
        await requests.SendAsync(partnership, audit.Id, TestPartnership.Lead);
        var db = services.GetRequiredService<ParallaxDbContext>();
        var cases = await db.AuditCases.Where(ac => ac.AuditId == audit.Id).Join(db.Cases, ac => ac.CaseId, c => c.Id, (ac, c) => c).OrderBy(c => c.Uin).Select(c => c.Id).ToListAsync();
        var all = await db.ReturnRequests.Where(r => r.AuditId == audit.Id).ToListAsync();
        var completion = services.GetRequiredService<ReturnCompletion>();
        for (var k = 0; k < 5; k++)
        {
            foreach (var agency in new[] { data.Police, data.School })
            {
                if (all.FirstOrDefault(r => r.CaseId == cases[k] && r.AgencyId == agency.Id) is not { } request) continue;
                var context = (await completion.LoadAsync(partnership, agency.Id, request.Id))!;
                var section = context.ToolVersion.Sections.Single();
                var police = agency == data.Police;
                if (k == 4)
                {
                    await completion.SaveDraftAsync(context, null, new ToolAnswers { Questions = { ["TT1"] = new QuestionAnswer(AnswerFields.Yes) } });
                    continue;
                }

                string Yes(bool yes) => yes ? AnswerFields.Yes : AnswerFields.No;
                var answers = new ToolAnswers
                {
                    AgencyJudgement = new JudgementAnswer(Grade.Good, null, "Reason"),
                    SectionJudgements = { [section.Id] = new JudgementAnswer(police ? Grade.Good : Grade.RequiresImprovement, null, "Reason") },
                };
                // TT1: yes only from the police on the first case. TT2: not applicable everywhere.
                // TT3: the police say yes on cases 0-2 and no on case 3; the school says no on cases 0-1 and N/A on 2-3.
                answers.Questions["TT1"] = new QuestionAnswer(Yes(police && k == 0), null, "Why");
                answers.Questions["TT2"] = new QuestionAnswer(AnswerFields.NotApplicable, null, "Why");
                answers.Questions["TT3"] = police ? new QuestionAnswer(Yes(k < 3), null, "Why") : k < 2 ? new QuestionAnswer(AnswerFields.No, null, "Why") : new QuestionAnswer(AnswerFields.NotApplicable, null, "Why");
                foreach (var code in new[] { "TT4", "TT5", "TT6" }) answers.Questions[code] = new QuestionAnswer(AnswerFields.Yes);
                var (result, _) = await completion.SubmitAsync(context, null, answers, confirmIdentifiers: true, "test");
                Assert.True(result.Submitted, string.Join("; ", result.Problems.Select(p => p.Message)));
            }
        }

        return audit.Id;
    }
}
