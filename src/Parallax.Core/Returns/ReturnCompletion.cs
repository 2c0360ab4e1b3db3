namespace Parallax.Core.Returns;

/// <summary>A request as its agency sees it: the case, the tool version it is answered on, and what is saved.</summary>
public sealed record ReturnContext(ReturnRequest Request, string AuditTitle, string Uin, Agency Agency, ToolVersion ToolVersion, AuditReturn? Saved)
{
    /// <summary>The latest time the lead reopened the return, with the reason they gave (shown to the agency).</summary>
    public ReturnReopening? LastReopened { get; init; }

    /// <summary>Whether the lead or panel has ever raised a query on this return (most never have: no query is read then).</summary>
    public bool HasQueries { get; init; }

    public bool Applies(ToolSection section) => section.AppliesTo(Agency.Type, Agency.WorksWithAdults) && section.Scope == SectionScope.EachCase;

    public bool IsReadOnly => Request.Status is ReturnStatus.Submitted or ReturnStatus.NotKnownToAgency or ReturnStatus.NoReturn;
}


/// <summary>When the audit lead last reopened a return, and why.</summary>
public sealed record ReturnReopening(DateTimeOffset At, string? Reason);

public sealed record SubmitResult(IReadOnlyList<AnswerProblem> Problems, IReadOnlyList<(string Field, IdentifierFinding Finding)> Identifiers)
{
    public bool Submitted => Problems.Count == 0 && Identifiers.Count == 0;
}

/// <summary>Saving and submitting returns, only ever for the auditor's own agency.</summary>
public sealed class ReturnCompletion(ParallaxDbContext db, TimeProvider clock, FrozenToolVersions versions)
{
    /// <summary>The request if it was sent to this agency in this partnership; otherwise null (the caller answers "not found").</summary>
    public Task<ReturnContext?> LoadAsync(Guid partnershipId, Guid agencyId, Guid requestId, CancellationToken ct = default) =>
        LoadAsync(partnershipId, agencyId, null, requestId, ct);

    /// <summary>Any request of an audit in the lead's partnership, sent or not.</summary>
    public Task<ReturnContext?> LoadForLeadAsync(Guid partnershipId, Guid auditId, Guid requestId, CancellationToken ct = default) =>
        LoadAsync(partnershipId, null, auditId, requestId, ct);

    private async Task<ReturnContext?> LoadAsync(Guid partnershipId, Guid? agencyId, Guid? auditId, Guid requestId, CancellationToken ct)
    {
        // One query for the request, what the page says about it, its saved return with its judgements (a few rows) and
        // the last time it was reopened; then its answers, if it has any (decision 0085: a return in two round trips).
        var found = await (
            from r in db.ReturnRequests.AsNoTracking()
            join a in db.Audits on r.AuditId equals a.Id
            join c in db.Cases on r.CaseId equals c.Id
            join g in db.Agencies on r.AgencyId equals g.Id
            join s in db.AuditReturns on r.Id equals s.Id into returns
            from s in returns.DefaultIfEmpty()
            where r.Id == requestId && a.PartnershipId == partnershipId
            where agencyId == null || (r.AgencyId == agencyId && r.Status != ReturnStatus.Draft)
            where auditId == null || r.AuditId == auditId
            select new
            {
                Request = r,
                a.Title,
                a.ToolVersionId,
                c.Uin,
                Agency = g,
                Saved = s,
                ReopenedAt = db.ReturnStatusChanges.Where(h => h.RequestId == r.Id && h.To == ReturnStatus.InProgress && h.From != ReturnStatus.Requested)
                    .OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id).Select(h => (DateTimeOffset?)h.ChangedAt).FirstOrDefault(),
                ReopenedBecause = db.ReturnStatusChanges.Where(h => h.RequestId == r.Id && h.To == ReturnStatus.InProgress && h.From != ReturnStatus.Requested)
                    .OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id).Select(h => h.Reason).FirstOrDefault(),
                Judgements = db.Set<ReturnJudgement>().Where(j => j.ReturnId == r.Id).ToList(),
                HasQueries = db.ReturnQueries.Any(q => q.RequestId == r.Id),
            }).FirstOrDefaultAsync(ct);
        if (found is null) return null;

        var version = await versions.LoadAsync(db, found.ToolVersionId, ct);
        if (found.Saved is { } saved)
        {
            saved.Answers = await db.Set<ReturnAnswer>().AsNoTracking().Where(x => x.ReturnId == requestId).ToListAsync(ct);
            saved.Judgements = found.Judgements;
        }

        return new ReturnContext(found.Request, found.Title, found.Uin, found.Agency, version, found.Saved)
        {
            LastReopened = found.ReopenedAt is { } at ? new ReturnReopening(at, found.ReopenedBecause) : null,
            HasQueries = found.HasQueries,
        };
    }

    public static ToolAnswers ToAnswers(ReturnContext context)
    {
        var answers = new ToolAnswers { GoodPractice = context.Saved?.GoodPractice, OtherComments = context.Saved?.OtherComments };
        if (context.Saved is null) return answers;
        foreach (var a in context.Saved.Answers) answers.Questions[a.Code] = new QuestionAnswer(a.Value, a.Values, a.Comment);
        foreach (var j in context.Saved.Judgements)
        {
            var judgement = new JudgementAnswer(j.Grade, j.Qualifier, j.Reason);
            if (j.Scope == JudgementScope.Section && j.SectionId is { } section) answers.SectionJudgements[section] = judgement;
        }

        return answers with
        {
            AgencyJudgement = context.Saved.Judgements.Where(j => j.Scope == JudgementScope.Agency).Select(j => new JudgementAnswer(j.Grade, j.Qualifier, j.Reason)).FirstOrDefault(),
            PartnershipJudgement = context.Saved.Judgements.Where(j => j.Scope == JudgementScope.Partnership).Select(j => new JudgementAnswer(j.Grade, j.Qualifier, j.Reason)).FirstOrDefault(),
        };
    }

    /// <summary>Saves what is typed, complete or not. <paramref name="expected"/> is the version the form was loaded at (null for a first save).</summary>
    public async Task<Guid> SaveDraftAsync(ReturnContext context, Guid? expected, ToolAnswers answers, CancellationToken ct = default)
    {
        if (context.IsReadOnly) throw new DomainException("This return has been submitted and can no longer be changed. Ask the audit lead to reopen it if something must change.");
        // A draft holds anything typed, but never more than the stated limits: both databases keep the same text.
        if (ToolAnswerValidator.CheckLengths(context.ToolVersion, answers) is [var tooLong, ..]) throw new DomainException(tooLong.Message, tooLong.Field);
        var saved = await db.AuditReturns.Include(r => r.Answers).Include(r => r.Judgements).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == context.Request.Id, ct);
        var fresh = new AuditReturn { Id = context.Request.Id };
        Fill(fresh, context, answers);
        if (saved is null)
        {
            if (expected is not null && expected != Guid.Empty) throw Conflict();
            saved = fresh;
            db.AuditReturns.Add(saved);
        }
        else
        {
            if (saved.Version != expected) throw Conflict();
            // The version the form was read at is the one the update must find, so a save from a stale tab fails.
            db.Entry(saved).Property(r => r.Version).OriginalValue = expected.Value;
            Merge(saved, fresh);
        }

        saved.LastSavedAt = clock.GetUtcNow();
        var request = await db.ReturnRequests.SingleAsync(r => r.Id == context.Request.Id, ct);
        if (request.Status is ReturnStatus.Requested or ReturnStatus.ExtensionGranted) request.Status = ReturnStatus.InProgress;
        await db.SaveOrRefuseAsync(Conflict(), ct);

        return saved.Version;
    }

    /// <summary>
    /// Saves one section's answers over what is saved, complete or not (decision 0056). <paramref name="loadedWith"/>
    /// is the section's fingerprint when its page was opened: a save conflicts only if this section was changed
    /// since, never because another section was. Nothing changed is no save at all. Returns the section's new fingerprint.
    /// </summary>
    public async Task<string> SaveSectionAsync(ReturnContext context, ReturnSection section, string? loadedWith, ToolAnswers posted, CancellationToken ct = default)
    {
        if (context.IsReadOnly) throw new DomainException("This return has been submitted and can no longer be changed. Ask the audit lead to reopen it if something must change.");
        var stored = ToAnswers(context);
        var merged = ReturnSections.Overlay(stored, posted, section);
        var now = ReturnSections.Fingerprint(stored, section);
        var next = ReturnSections.Fingerprint(merged, section);
        if (next == now) return now;
        if (loadedWith is not null && loadedWith != now) throw Conflict();
        await SaveDraftAsync(context, context.Saved?.Version, merged, ct);
        return next;
    }

    /// <summary>Brings the stored answers to the new ones row by row: changed rows are updated, not deleted and re-added.</summary>
    private void Merge(AuditReturn saved, AuditReturn fresh)
    {
        foreach (var old in saved.Answers.Where(a => fresh.Answers.All(f => f.QuestionId != a.QuestionId)).ToList())
        {
            saved.Answers.Remove(old);
            db.Remove(old);
        }

        foreach (var answer in fresh.Answers)
        {
            if (saved.Answers.FirstOrDefault(a => a.QuestionId == answer.QuestionId) is { } existing)
            {
                existing.Value = answer.Value;
                existing.Comment = answer.Comment;
                if (!existing.Values.SequenceEqual(answer.Values)) existing.Values = answer.Values;
            }
            else
            {
                saved.Answers.Add(answer);
            }
        }

        foreach (var old in saved.Judgements.Where(j => !fresh.Judgements.Any(f => f.Scope == j.Scope && f.SectionId == j.SectionId)).ToList())
        {
            saved.Judgements.Remove(old);
            db.Remove(old);
        }

        foreach (var judgement in fresh.Judgements)
        {
            if (saved.Judgements.FirstOrDefault(j => j.Scope == judgement.Scope && j.SectionId == judgement.SectionId) is { } existing)
            {
                existing.Grade = judgement.Grade;
                existing.Qualifier = judgement.Qualifier;
                existing.Reason = judgement.Reason;
            }
            else
            {
                saved.Judgements.Add(judgement);
            }
        }

        saved.GoodPractice = fresh.GoodPractice;
        saved.OtherComments = fresh.OtherComments;
    }

    /// <summary>Saves, then submits if every rule is met and no text looks identifying (or the auditor confirmed it does not identify anyone).</summary>
    public async Task<(SubmitResult Result, Guid Version)> SubmitAsync(ReturnContext context, Guid? expected, ToolAnswers answers, bool confirmIdentifiers, string submittedBy, CancellationToken ct = default)
    {
        var version = await SaveDraftAsync(context, expected, answers, ct);
        var problems = ToolAnswerValidator.Validate(context.ToolVersion, answers, context.Agency.Type, context.Agency.WorksWithAdults);
        var identifiers = confirmIdentifiers ? [] : FindIdentifiers(context, answers);
        var result = new SubmitResult(problems, identifiers);
        if (!result.Submitted) return (result, version);

        var saved = await db.AuditReturns.SingleAsync(r => r.Id == context.Request.Id, ct);
        var now = clock.GetUtcNow();
        saved.MarkSubmitted(now, submittedBy, await db.Set<ReturnAnswer>().AsNoTracking().Where(a => a.ReturnId == saved.Id).ToListAsync(ct));
        saved.IdentifiersConfirmedFalsePositive = confirmIdentifiers;
        var request = await db.ReturnRequests.SingleAsync(r => r.Id == context.Request.Id, ct);
        db.ReturnStatusChanges.Add(new ReturnStatusChange { RequestId = request.Id, From = request.Status, To = ReturnStatus.Submitted, ChangedBy = submittedBy, ChangedAt = now });
        request.Status = ReturnStatus.Submitted;
        await db.SaveChangesAsync(ct);
        return (result, saved.Version);
    }

    /// <summary>Checks answers as submitting would, without saving anything.</summary>
    public static SubmitResult Check(ReturnContext context, ToolAnswers answers, bool confirmIdentifiers) => new(
        ToolAnswerValidator.Validate(context.ToolVersion, answers, context.Agency.Type, context.Agency.WorksWithAdults),
        confirmIdentifiers ? [] : FindIdentifiers(context, answers));

    /// <summary>
    /// Takes a completed workbook: saves it as a draft, or submits it. Nothing is stored unless the whole
    /// workbook is readable and, to submit, passes every check the web form applies.
    /// </summary>
    public async Task<IReadOnlyList<WorkbookProblem>> UploadAsync(ReturnContext context, Stream workbook, bool submit, bool confirmIdentifiers, string by, CancellationToken ct = default)
    {
        if (context.IsReadOnly) throw new DomainException("This return has been submitted and can no longer be changed. Ask the audit lead to reopen it if something must change.");
        var (answers, problems) = ReturnWorkbook.Read(context, workbook);
        if (answers is null) return problems;
        if (submit)
        {
            var check = Check(context, answers, confirmIdentifiers);
            if (!check.Submitted)
            {
                return check.Problems.Select(p => new WorkbookProblem(ReturnWorkbook.CellOf(context, p.Field), p.Message))
                    .Concat(check.Identifiers.Select(i => new WorkbookProblem(ReturnWorkbook.CellOf(context, i.Field), $"\"{i.Finding.Text}\": {i.Finding.Advice}")))
                    .ToList();
            }

            await SubmitAsync(context, context.Saved?.Version, answers, confirmIdentifiers, by, ct);
        }
        else
        {
            await SaveDraftAsync(context, context.Saved?.Version, answers, ct);
        }

        return [];
    }

    private static List<(string Field, IdentifierFinding Finding)> FindIdentifiers(ReturnContext context, ToolAnswers answers)
    {
        var found = new List<(string, IdentifierFinding)>();
        foreach (var question in context.ToolVersion.Sections.Where(context.Applies).SelectMany(s => s.Questions.OrderBy(q => q.Order)))
        {
            if (!answers.Questions.TryGetValue(question.Code, out var a)) continue;
            if (question.Kind == QuestionKind.FreeText) found.AddRange(IdentifiableDataDetector.Find(a.Value).Select(f => (AnswerFields.Value(question.Code), f)));
            found.AddRange(IdentifiableDataDetector.Find(a.Comment).Select(f => (AnswerFields.Comment(question.Code), f)));
        }

        foreach (var (section, judgement) in answers.SectionJudgements)
            found.AddRange(IdentifiableDataDetector.Find(judgement.Reason).Select(f => (AnswerFields.JudgementReason(section), f)));
        found.AddRange(IdentifiableDataDetector.Find(answers.AgencyJudgement?.Reason).Select(f => (AnswerFields.AgencyJudgement + "-reason", f)));
        found.AddRange(IdentifiableDataDetector.Find(answers.PartnershipJudgement?.Reason).Select(f => (AnswerFields.PartnershipJudgement + "-reason", f)));
        found.AddRange(IdentifiableDataDetector.Find(answers.GoodPractice).Select(f => (AnswerFields.GoodPractice, f)));
        found.AddRange(IdentifiableDataDetector.Find(answers.OtherComments).Select(f => (AnswerFields.OtherComments, f)));
        return found;
    }

    private static void Fill(AuditReturn saved, ReturnContext context, ToolAnswers answers)
    {
        foreach (var question in context.ToolVersion.Sections.Where(context.Applies).SelectMany(s => s.Questions))
        {
            if (!answers.Questions.TryGetValue(question.Code, out var a)) continue;
            if (a.Value is null && (a.Values?.Count ?? 0) == 0 && a.Comment is null) continue;
            saved.Answers.Add(new ReturnAnswer { ReturnId = saved.Id, QuestionId = question.Id, Code = question.Code, Value = a.Value, Values = [.. a.Values ?? []], Comment = a.Comment });
        }

        foreach (var section in context.ToolVersion.Sections.Where(s => s.HasJudgement && context.Applies(s)))
        {
            if (answers.SectionJudgements.TryGetValue(section.Id, out var j))
                saved.Judgements.Add(new ReturnJudgement { ReturnId = saved.Id, Scope = JudgementScope.Section, SectionId = section.Id, Grade = j.Grade, Qualifier = j.Qualifier, Reason = j.Reason });
        }

        if (context.ToolVersion.AsksOverallAgencyJudgement && answers.AgencyJudgement is { } agency)
            saved.Judgements.Add(new ReturnJudgement { ReturnId = saved.Id, Scope = JudgementScope.Agency, Grade = agency.Grade, Qualifier = agency.Qualifier, Reason = agency.Reason });
        if (context.ToolVersion.AsksPartnershipJudgement && answers.PartnershipJudgement is { } partnership)
            saved.Judgements.Add(new ReturnJudgement { ReturnId = saved.Id, Scope = JudgementScope.Partnership, Grade = partnership.Grade, Qualifier = partnership.Qualifier, Reason = partnership.Reason });
        saved.GoodPractice = context.ToolVersion.AsksGoodPractice ? answers.GoodPractice : null;
        saved.OtherComments = context.ToolVersion.AsksOtherComments ? answers.OtherComments : null;
    }

    private static EditConflictException Conflict() => new(
        "This return was saved from another window or by a colleague since you opened it. Nothing was overwritten: open it again to see the latest answers, then make your changes.");
}
