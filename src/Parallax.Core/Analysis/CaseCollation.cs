namespace Parallax.Core.Analysis;

/// <summary>One agency's column in the compiled returns: its request, and its submitted return if there is one.</summary>
public sealed record CollationColumn(Agency Agency, ReturnRequest Request, AuditReturn? Submitted)
{
    /// <summary>Why there is no answer, when there is none: never silently absent.</summary>
    public string? Missing => Submitted is not null ? null : Request.Status switch
    {
        ReturnStatus.NotKnownToAgency => "Not known to the agency",
        ReturnStatus.NoReturn => "No return",
        ReturnStatus.Draft => "Not sent",
        _ => "Not submitted yet",
    };

    public ReturnAnswer? Answer(string code) => Submitted?.Answers.FirstOrDefault(a => a.Code == code);

    public ReturnJudgement? Judgement(JudgementScope scope, Guid? sectionId = null) =>
        Submitted?.Judgements.FirstOrDefault(j => j.Scope == scope && j.SectionId == sectionId);
}

public sealed record CollatedCase(Audit Audit, Case Case, ToolVersion ToolVersion, IReadOnlyList<CollationColumn> Columns, PanelCaseRecord? Panel)
{
    public bool Applies(ToolSection section, CollationColumn column) =>
        section.Scope == SectionScope.EachCase && section.AppliesTo(column.Agency.Type, column.Agency.WorksWithAdults);

    /// <summary>A Yes/No question on which submitted returns disagree: at least one yes and at least one no.</summary>
    public bool Diverges(ToolQuestion question)
    {
        if (question.Kind != QuestionKind.YesNoNa) return false;
        var values = Columns.Select(c => c.Answer(question.Code)?.Value).ToList();
        return values.Contains(AnswerFields.Yes) && values.Contains(AnswerFields.No);
    }

    /// <summary>Judgements two grades or more apart (e.g. Good and Inadequate) on the same section.</summary>
    public bool Diverges(Guid sectionId) => CaseCollation.GradesDiverge(Columns.Select(c => c.Judgement(JudgementScope.Section, sectionId)?.Grade));

    public bool AgencyJudgementsDiverge => CaseCollation.GradesDiverge(Columns.Select(c => c.Judgement(JudgementScope.Agency)?.Grade));
}

/// <summary>
/// The compiled form a panel reads: for one case, every agency's answers side by side. Who may read it is
/// decided after the audit and case are loaded (see <see cref="CanRead"/>).
/// </summary>
public sealed class CaseCollation(ParallaxDbContext db, PartnershipCalendar calendar)
{
    public static bool GradesDiverge(IEnumerable<Grade?> grades)
    {
        var given = grades.Where(g => g is not null).Select(g => (int)g!.Value).ToList();
        return given.Count > 1 && given.Max() - given.Min() >= 2;
    }

    public async Task<CollatedCase?> LoadAsync(Guid partnershipId, Guid auditId, Guid caseId, CancellationToken ct = default)
    {
        var audit = await db.Audits.AsNoTracking().FirstOrDefaultAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct);
        if (audit is null || !await db.AuditCases.AnyAsync(ac => ac.AuditId == auditId && ac.CaseId == caseId, ct)) return null;
        var @case = await db.Cases.AsNoTracking().Include(c => c.Household).SingleAsync(c => c.Id == caseId, ct);
        var version = await db.ToolVersions.AsNoTracking().Include(v => v.Sections).ThenInclude(s => s.Questions).AsSplitQuery().SingleAsync(v => v.Id == audit.ToolVersionId, ct);
        version.Sections = [.. version.Sections.OrderBy(s => s.Order)];
        foreach (var section in version.Sections) section.Questions = [.. section.Questions.OrderBy(q => q.Order)];
        var requests = await db.ReturnRequests.AsNoTracking().Where(r => r.AuditId == auditId && r.CaseId == caseId).ToListAsync(ct);
        var ids = requests.Select(r => r.Id).ToList();
        var returns = await db.AuditReturns.AsNoTracking().Include(r => r.Answers).Include(r => r.Judgements).AsSplitQuery()
            .Where(r => ids.Contains(r.Id) && r.SubmittedAt != null).ToListAsync(ct);
        var agencyIds = requests.Select(r => r.AgencyId).ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var columns = requests.Select(r => new CollationColumn(agencies[r.AgencyId], r,
                r.Status == ReturnStatus.Submitted ? returns.FirstOrDefault(x => x.Id == r.Id) : null))
            .OrderBy(c => c.Agency.Code).ToList();
        var panel = await db.PanelCaseRecords.AsNoTracking().FirstOrDefaultAsync(p => p.AuditId == auditId && p.CaseId == caseId, ct);
        return new CollatedCase(audit, @case, version, columns, panel);
    }

    /// <summary>Whether <paramref name="caller"/> may read <paramref name="view"/> today (<see cref="CollationReading"/>).</summary>
    public bool CanRead(CollatedCase view, Caller caller) => CollationReading.MayRead(
        caller, view.Audit.CollationAccess, calendar.Today > view.Audit.ReturnsDueOn,
        agencySubmitted: caller.AgencyId is { } agency && view.Columns.Any(c => c.Agency.Id == agency && c.Submitted is not null));

    /// <summary>Whether <paramref name="caller"/> may raise and follow up queries on <paramref name="view"/>: leads and panel members who may read it.</summary>
    public bool CanQuery(CollatedCase view, Caller caller) =>
        (caller.IsLead || caller.Roles.Contains(Roles.PanelMember)) && CanRead(view, caller);
}
