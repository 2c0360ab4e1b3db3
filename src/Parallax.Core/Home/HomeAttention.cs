namespace Parallax.Core.Home;

/// <summary>One audit's returns that need the lead: overdue, and due in the next seven days.</summary>
public sealed record AuditReturnsDue(Guid AuditId, string Title, int Overdue, int DueThisWeek, int OpenQueries, DateOnly ReturnsDueOn);

/// <summary>An audit whose panel meets soon.</summary>
public sealed record PanelComing(Guid AuditId, string Title, DateOnly PanelOn);

/// <summary>
/// A review on the statutory clock: a Rapid Review not yet sent to the national panel, with its due date and the working
/// days left or overdue, counted as the review's own page counts them (decision 0077).
/// </summary>
public sealed record ReviewOnTheClock(Guid ReviewId, string Title, DateOnly DueOn, string Countdown = "");

/// <summary>Something one agency owes, with the date it is due: a return, a chronology or an action.</summary>
public sealed record DueItem(Guid Id, string What, string Context, DateOnly DueOn, string Status);

/// <summary>A query an agency has not answered yet.</summary>
public sealed record QueryWaiting(Guid RequestId, string Uin, string Audit, DateTimeOffset RaisedAt);

/// <summary>An audit with cases a panel member may read now.</summary>
public sealed record CasesToRead(Guid AuditId, string Title, int Cases, DateOnly? PanelOn);

/// <summary>An audit's newest final report.</summary>
public sealed record FinalReport(Guid AuditId, string Title, int Number, DateTimeOffset FinalisedAt);

public sealed record LeadAttention(IReadOnlyList<AuditReturnsDue> Audits, IReadOnlyList<PanelComing> Panels, int ActionsOverdue, IReadOnlyList<ReviewOnTheClock> Reviews)
{
    public bool IsEmpty => Audits.Count == 0 && Panels.Count == 0 && ActionsOverdue == 0 && Reviews.Count == 0;
}

public sealed record AgencyAttention(IReadOnlyList<DueItem> Returns, IReadOnlyList<DueItem> Chronologies, IReadOnlyList<QueryWaiting> Queries, IReadOnlyList<DueItem> Summaries)
{
    public bool IsEmpty => Returns.Count == 0 && Chronologies.Count == 0 && Queries.Count == 0 && Summaries.Count == 0;
}

public sealed record ViewerAttention(IReadOnlyList<FinalReport> Reports, int OpenActions, int OverdueActions, int AuditsUnderway);

/// <summary>
/// What each role's home page shows: only what is true today, by the rules the lists behind it use (a return is
/// overdue when it is open and past its due date, an action when it is unfinished and past its due date).
/// Counted in the database, so a partnership with years of audits gets its home page as fast as a new one.
/// </summary>
public sealed class HomeAttention(ParallaxDbContext db, PartnershipCalendar calendar, ChronologyWriting chronologies)
{
    /// <summary>"This week": the next seven days, today included.</summary>
    public const int WeekDays = 7;

    /// <summary>Panels shown as coming: those meeting in the next four weeks.</summary>
    public const int PanelDays = 28;

    public DateOnly Today => calendar.Today;

    public async Task<LeadAttention> LeadAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var today = calendar.Today;
        var weekEnd = today.AddDays(WeekDays - 1);
        var open = ReturnChaser.Open;
        var counts = await (
            from r in db.ReturnRequests
            join a in db.Audits on r.AuditId equals a.Id
            where a.PartnershipId == partnershipId && a.Status != AuditStatus.Closed && open.Contains(r.Status) && r.DueOn <= weekEnd
            group r by new { a.Id, a.Title, a.ReturnsDueOn } into g
            select new { g.Key.Id, g.Key.Title, g.Key.ReturnsDueOn, Overdue = g.Count(r => r.DueOn < today), Due = g.Count(r => r.DueOn >= today) })
            .ToListAsync(ct);
        var queries = await (
            from q in db.ReturnQueries
            join r in db.ReturnRequests on q.RequestId equals r.Id
            join a in db.Audits on r.AuditId equals a.Id
            where a.PartnershipId == partnershipId && q.Status != QueryStatus.Closed
            group q by new { a.Id, a.Title, a.ReturnsDueOn } into g
            select new { g.Key.Id, g.Key.Title, g.Key.ReturnsDueOn, Count = g.Count() }).ToListAsync(ct);

        var audits = counts.Select(c => (c.Id, c.Title, c.ReturnsDueOn)).Union(queries.Select(q => (q.Id, q.Title, q.ReturnsDueOn)))
            .Select(a => new AuditReturnsDue(a.Id, a.Title,
                counts.FirstOrDefault(c => c.Id == a.Id)?.Overdue ?? 0, counts.FirstOrDefault(c => c.Id == a.Id)?.Due ?? 0,
                queries.FirstOrDefault(q => q.Id == a.Id)?.Count ?? 0, a.ReturnsDueOn))
            .OrderByDescending(c => c.Overdue).ThenBy(c => c.ReturnsDueOn).ThenBy(c => c.Title).ToList();

        var panelEnd = today.AddDays(PanelDays);
        var panels = await db.Audits.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId && a.Status != AuditStatus.Closed && a.PanelOn != null && a.PanelOn >= today && a.PanelOn <= panelEnd)
            .OrderBy(a => a.PanelOn).Select(a => new PanelComing(a.Id, a.Title, a.PanelOn!.Value)).ToListAsync(ct);

        var actionsOverdue = await OverdueActions(partnershipId, today).CountAsync(ct);

        var clocked = await db.PracticeReviews.AsNoTracking()
            .Where(r => r.PartnershipId == partnershipId && r.Kind == ReviewKind.RapidReview && r.RapidReviewDueOn != null && r.SubmittedToPanelOn == null
                && r.Status != ReviewStatus.Published && r.Status != ReviewStatus.Closed)
            .OrderBy(r => r.RapidReviewDueOn).Select(r => new ReviewOnTheClock(r.Id, r.Title, r.RapidReviewDueOn!.Value, "")).ToListAsync(ct);
        var holidays = clocked.Count > 0 ? await calendar.HolidaysAsync(partnershipId, ct) : null;
        var reviews = clocked.Select(r => r with
        {
            Countdown = RapidReviewClock.Countdown(new ClockStage("submission", "", r.DueOn, RapidReviewClock.RapidReviewWorkingDays, null), today, holidays!),
        }).ToList();

        return new LeadAttention(audits, panels, actionsOverdue, reviews);
    }

    /// <summary>
    /// What one agency owes: its open returns, chronologies and Rapid Review summaries (overdue first, then soonest due)
    /// and the queries it has not answered. A summary is owed, as the chaser counts it, while its Rapid Review runs (no
    /// decision, not sent to the panel) and it is not submitted, and again whenever the lead reopens it; its <see cref="DueItem.Id"/> is the chronology request's.
    /// </summary>
    public async Task<AgencyAttention> AgencyAsync(Guid partnershipId, Guid agencyId, CancellationToken ct = default)
    {
        var open = ReturnChaser.Open;
        var returns = await (
            from r in db.ReturnRequests
            join a in db.Audits on r.AuditId equals a.Id
            join c in db.Cases on r.CaseId equals c.Id
            where a.PartnershipId == partnershipId && r.AgencyId == agencyId && open.Contains(r.Status)
            orderby r.DueOn, c.Uin
            select new { r.Id, c.Uin, a.Title, r.DueOn, r.Status }).ToListAsync(ct);

        var due = await (
            from q in chronologies.SentTo(partnershipId, agencyId)
            join v in db.PracticeReviews on q.ReviewId equals v.Id
            where q.Status != ChronologyStatus.Submitted
            orderby q.DueOn
            select new { q.Id, v.Title, v.Kind, q.DueOn, q.Status }).ToListAsync(ct);

        var queries = await (
            from q in db.ReturnQueries
            join r in db.ReturnRequests on q.RequestId equals r.Id
            join a in db.Audits on r.AuditId equals a.Id
            join c in db.Cases on r.CaseId equals c.Id
            where a.PartnershipId == partnershipId && r.AgencyId == agencyId && q.Status == QueryStatus.Open
            select new { r.Id, c.Uin, a.Title, q.RaisedAt }).ToListAsync(ct);

        var summaries = await (
            from q in chronologies.SentTo(partnershipId, agencyId).AsNoTracking()
            join v in db.PracticeReviews.AsNoTracking() on q.ReviewId equals v.Id
            where v.Kind == ReviewKind.RapidReview
                && !db.AgencySummaries.Any(s => s.RequestId == q.Id && s.Status == AgencySummaryStatus.Submitted)
                && ((v.Decision == null && v.SubmittedToPanelOn == null) || db.AgencySummaries.Any(s => s.RequestId == q.Id && s.ReopenedAt != null))
            select new { q.Id, Review = v, Started = db.AgencySummaries.Any(s => s.RequestId == q.Id) }).ToListAsync(ct);
        var holidays = summaries.Count > 0 ? await calendar.HolidaysAsync(partnershipId, ct) : null;

        return new AgencyAttention(
            [.. returns.Select(r => new DueItem(r.Id, r.Uin, r.Title, r.DueOn, r.Status == ReturnStatus.InProgress ? "In progress" : "Not started"))],
            [.. due.Select(c => new DueItem(c.Id, c.Title, PracticeReview.Describe(c.Kind), c.DueOn, c.Status == ChronologyStatus.InProgress ? "In progress" : "Not started"))],
            [.. queries.OrderBy(q => q.RaisedAt).Select(q => new QueryWaiting(q.Id, q.Uin, q.Title, q.RaisedAt))],
            [.. summaries.Select(x => new DueItem(x.Id, x.Review.Title, "Rapid Review", RapidReviewClock.SummariesDue(x.Review, holidays!), x.Started ? "In progress" : "Not started"))
                .OrderBy(d => d.DueOn).ThenBy(d => d.What)]);
    }

    /// <summary>The agency's unfinished actions (not complete, not closed), soonest due first.</summary>
    public async Task<IReadOnlyList<DueItem>> ActionsAsync(Guid partnershipId, Guid agencyId, CancellationToken ct = default)
    {
        var rows = await db.PlanActions.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId && a.OwnerAgencyId == agencyId && a.Progress != ActionProgress.Complete && a.Progress != ActionProgress.Closed)
            .OrderBy(a => a.DueOn).Select(a => new { a.Id, a.What, a.DueOn, a.Progress }).ToListAsync(ct);
        return [.. rows.Select(a => new DueItem(a.Id, a.What, "", a.DueOn, ActionPlans.Describe(ActionPlans.StateOf(new PlanAction { What = a.What, Measure = "", DueOn = a.DueOn, Progress = a.Progress }, calendar.Today))))];
    }

    /// <summary>
    /// Audits with cases a panel member may read now, by the compiled returns' reading rule (CollationReading):
    /// after the returns deadline, or at any time where the lead opened the returns to the panel only.
    /// </summary>
    public async Task<IReadOnlyList<CasesToRead>> PanelAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var today = calendar.Today;
        var audits = await db.Audits.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId && a.Status != AuditStatus.Planning && a.Status != AuditStatus.Closed)
            .Where(CollationReading.PanelMayRead(today))
            .Select(a => new
            {
                a.Id, a.Title, a.PanelOn,
                Cases = db.AuditCases.Count(ac => ac.AuditId == a.Id
                    && db.ReturnRequests.Any(r => r.AuditId == a.Id && r.CaseId == ac.CaseId && r.Status == ReturnStatus.Submitted)),
            })
            .ToListAsync(ct);
        return [.. audits.Where(a => a.Cases > 0).OrderBy(a => a.PanelOn is null).ThenBy(a => a.PanelOn).ThenBy(a => a.Title)
            .Select(a => new CasesToRead(a.Id, a.Title, a.Cases, a.PanelOn))];
    }

    public async Task<ViewerAttention> ViewerAsync(Guid partnershipId, int reports = 5, CancellationToken ct = default)
    {
        var today = calendar.Today;
        var latest = await (
            from v in db.ReportVersions
            join a in db.Audits on v.AuditId equals a.Id
            where a.PartnershipId == partnershipId && v.IsFinal
            orderby v.FinalisedAt descending
            select new { a.Id, a.Title, v.Number, v.FinalisedAt }).ToListAsync(ct);
        var finals = latest.Where(v => v.FinalisedAt is not null).GroupBy(v => v.Id).Select(g => g.First())
            .Take(reports).Select(v => new FinalReport(v.Id, v.Title, v.Number, v.FinalisedAt!.Value)).ToList();
        var openActions = await db.PlanActions.CountAsync(a => a.PartnershipId == partnershipId && a.Progress != ActionProgress.Closed, ct);
        var overdue = await OverdueActions(partnershipId, today).CountAsync(ct);
        var underway = await db.Audits.CountAsync(a => a.PartnershipId == partnershipId && a.Status != AuditStatus.Planning && a.Status != AuditStatus.Closed, ct);
        return new ViewerAttention(finals, openActions, overdue, underway);
    }

    private IQueryable<PlanAction> OverdueActions(Guid partnershipId, DateOnly today) =>
        db.PlanActions.Where(a => a.PartnershipId == partnershipId && a.DueOn < today && a.Progress != ActionProgress.Complete && a.Progress != ActionProgress.Closed);
}
