namespace Parallax.Core.Analysis;

/// <summary>Counts of Yes, No and N/A; percentages are of Yes + No only, rounded half away from zero as spreadsheets round.</summary>
public sealed record AnswerCounts(int Yes, int No, int Na)
{
    public int Total => Yes + No;

    public int? PctYes => ReturnsDashboard.Percent(Yes, Total);

    public int? PctNo => ReturnsDashboard.Percent(No, Total);

    public static AnswerCounts Sum(IEnumerable<AnswerCounts> counts)
    {
        var list = counts.ToList();
        return new(list.Sum(c => c.Yes), list.Sum(c => c.No), list.Sum(c => c.Na));
    }
}

public sealed record QuestionFigures(string Code, string Text, Guid SectionId, string Section, AnswerCounts Counts, string? ShortLabel = null, string? Area = null)
{
    /// <summary>The question in a few words for a table: its short label, or its text when it has none.</summary>
    public string Label => ShortLabel ?? Text;

    /// <summary>Its area in the collated data: as set in the tool, or its section's title.</summary>
    public string AreaName => Area ?? Section;
}

public sealed record SectionFigures(Guid SectionId, string Title, AnswerCounts Counts, IReadOnlyDictionary<Grade, int> Judgements, int NotJudged);

public sealed record ReturnFigures(int Requested, int Submitted, int NotKnown, int NoReturn, int Open)
{
    public int? ResponseRatePct => ReturnsDashboard.Percent(Submitted, Requested - NotKnown);
}

/// <summary>How many of each household role an agency knew, e.g. 2 mothers and 2 fathers known to the substance misuse service.</summary>
public sealed record HouseholdInvolvement(Agency Agency, IReadOnlyDictionary<string, int> Known);

/// <summary>Which returns the figures are computed over.</summary>
public sealed record StatisticsFilter(AgencyType? AgencyType = null, Guid? CaseId = null);

public sealed record AuditFigures(
    Audit Audit, ToolVersion ToolVersion, StatisticsFilter Filter, IReadOnlyList<QuestionFigures> Questions, IReadOnlyList<SectionFigures> Sections,
    AnswerCounts ToolWide, IReadOnlyDictionary<Grade, int> CaseJudgements, int CasesNotJudged, ReturnFigures Returns);

/// <summary>
/// The audit's figures (the collated-data appendix of a published audit report), computed by aggregation in the database:
/// only submitted returns count, and only Yes/No questions are counted.
/// </summary>
public sealed class AuditStatistics(ParallaxDbContext db)
{
    public async Task<AuditFigures?> ComputeAsync(Guid partnershipId, Guid auditId, StatisticsFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new StatisticsFilter();
        var audit = await db.Audits.AsNoTracking().FirstOrDefaultAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct);
        if (audit is null) return null;
        var version = await db.ToolVersions.AsNoTracking().Include(v => v.Sections).ThenInclude(s => s.Questions).AsSplitQuery()
            .SingleAsync(v => v.Id == audit.ToolVersionId, ct);

        var submitted = db.ReturnRequests.Where(r => r.AuditId == auditId && r.Status == ReturnStatus.Submitted);
        if (filter.CaseId is { } caseId) submitted = submitted.Where(r => r.CaseId == caseId);
        if (filter.AgencyType is { } type) submitted = submitted.Where(r => db.Agencies.Any(a => a.Id == r.AgencyId && a.Type == type));

        var counted = await (
            from answer in db.Set<ReturnAnswer>()
            join request in submitted on answer.ReturnId equals request.Id
            group answer by answer.QuestionId into g
            select new
            {
                QuestionId = g.Key,
                Yes = g.Count(a => a.Value == AnswerFields.Yes),
                No = g.Count(a => a.Value == AnswerFields.No),
                Na = g.Count(a => a.Value == AnswerFields.NotApplicable),
            }).ToListAsync(ct);
        var byQuestion = counted.ToDictionary(c => c.QuestionId, c => new AnswerCounts(c.Yes, c.No, c.Na));

        var judged = await (
            from judgement in db.Set<ReturnJudgement>()
            join request in submitted on judgement.ReturnId equals request.Id
            where judgement.Scope == JudgementScope.Section && judgement.Grade != null
            group judgement by new { judgement.SectionId, judgement.Grade } into g
            select new { g.Key.SectionId, g.Key.Grade, Count = g.Count() }).ToListAsync(ct);
        var submittedCount = await submitted.CountAsync(ct);

        var questions = new List<QuestionFigures>();
        var sections = new List<SectionFigures>();
        foreach (var section in version.Sections.OrderBy(s => s.Order))
        {
            var sectionQuestions = section.Questions.Where(q => q.Kind == QuestionKind.YesNoNa).OrderBy(q => q.Order)
                .Select(q => new QuestionFigures(q.Code, q.Text, section.Id, section.Title, byQuestion.GetValueOrDefault(q.Id) ?? new AnswerCounts(0, 0, 0), q.ShortLabel, q.Area)).ToList();
            questions.AddRange(sectionQuestions);
            var grades = judged.Where(j => j.SectionId == section.Id).ToDictionary(j => j.Grade!.Value, j => j.Count);
            var applicableReturns = section.HasJudgement ? submittedCount : 0;
            sections.Add(new SectionFigures(section.Id, section.Title, AnswerCounts.Sum(sectionQuestions.Select(q => q.Counts)), grades,
                section.HasJudgement ? Math.Max(0, applicableReturns - grades.Values.Sum()) : 0));
        }

        var statuses = await db.ReturnRequests.Where(r => r.AuditId == auditId && r.Status != ReturnStatus.Draft)
            .GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(ReturnStatus s) => statuses.Where(x => x.Status == s).Sum(x => x.Count);
        var returns = new ReturnFigures(statuses.Sum(s => s.Count), Count(ReturnStatus.Submitted), Count(ReturnStatus.NotKnownToAgency), Count(ReturnStatus.NoReturn),
            statuses.Where(s => ReturnsDashboard.IsOpen(s.Status)).Sum(s => s.Count));

        var panel = await db.PanelCaseRecords.Where(p => p.AuditId == auditId && p.AgreedGrade != null)
            .GroupBy(p => p.AgreedGrade).Select(g => new { Grade = g.Key!.Value, Count = g.Count() }).ToListAsync(ct);
        var sampleSize = await db.AuditCases.CountAsync(ac => ac.AuditId == auditId, ct);
        var caseJudgements = Enum.GetValues<Grade>().ToDictionary(g => g, g => panel.Where(p => p.Grade == g).Sum(p => p.Count));

        return new AuditFigures(audit, version, filter, questions, sections, AnswerCounts.Sum(questions.Select(q => q.Counts)), caseJudgements,
            sampleSize - caseJudgements.Values.Sum(), returns);
    }

    /// <summary>Who each agency knew in the households of the sample.</summary>
    public async Task<IReadOnlyList<HouseholdInvolvement>> HouseholdInvolvementAsync(Guid auditId, CancellationToken ct = default)
    {
        var rows = await (
            from i in db.AgencyInvolvements
            where db.AuditCases.Any(ac => ac.AuditId == auditId && ac.CaseId == i.CaseId)
            join m in db.Set<HouseholdMember>() on i.HouseholdMemberId equals (Guid?)m.Id into members
            from m in members.DefaultIfEmpty()
            group m by new { i.AgencyId, Role = (HouseholdRole?)m.Role } into g
            select new { g.Key.AgencyId, g.Key.Role, Count = g.Count() }).ToListAsync(ct);
        var agencyIds = rows.Select(r => r.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).OrderBy(a => a.Code).ToListAsync(ct);
        return agencies.Select(a => new HouseholdInvolvement(a, rows.Where(r => r.AgencyId == a.Id)
            .ToDictionary(r => r.Role is { } role ? role.Describe() : "child", r => r.Count))).ToList();
    }
}
