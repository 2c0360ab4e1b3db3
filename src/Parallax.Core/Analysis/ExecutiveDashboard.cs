namespace Parallax.Core.Analysis;

public sealed record AuditAtAGlance(Guid Id, string Title, AuditStatus Status, DateOnly RequestsSentOn);

public sealed record AgencyYearRate(string Agency, int Year, int Submitted, int Expected)
{
    public int? RatePct => ReturnsDashboard.Percent(Submitted, Expected);
}

/// <summary>What the partnership's executive sees: this year's audits, judgements and response rates over the years, actions, recurring themes.</summary>
public sealed record ExecutiveSummary(
    int Year,
    IReadOnlyList<AuditAtAGlance> AuditsThisYear,
    IReadOnlyDictionary<int, IReadOnlyDictionary<Grade, int>> JudgementsByYear,
    IReadOnlyList<AgencyYearRate> ResponseRates,
    int OpenActions,
    int OverdueActions,
    int ClosedActions,
    IReadOnlyList<ThemeHistory> RecurringThemes,
    IReadOnlySet<Guid> FinalReports);

/// <summary>
/// The executive dashboard's figures, each from one grouped query, kept in memory between changes (decision 0083): the
/// figures of a partnership are read again once this process has written anything, once the day has changed, and at
/// the latest after <see cref="KeptFor"/>, the bound on how late another node's change shows.
/// </summary>
public sealed class ExecutiveDashboard(ParallaxDbContext db, LearningOverTime learning, PartnershipCalendar calendar, ExecutiveDashboard.Kept kept)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(10);

    /// <summary>The figures last read for each partnership (a singleton).</summary>
    public sealed class Kept
    {
        internal System.Collections.Concurrent.ConcurrentDictionary<Guid, Entry> Entries { get; } = new();
    }

    internal sealed record Entry(long Writes, DateOnly Today, long ReadAt, ExecutiveSummary Summary);

    public async Task<ExecutiveSummary> LoadAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var today = calendar.Today;
        // Counted before reading, so a write that lands while the figures are read leaves them out of date, not current.
        var writes = DatabaseWrites.Count;
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (kept.Entries.TryGetValue(partnershipId, out var entry) && entry.Writes == writes && entry.Today == today
            && System.Diagnostics.Stopwatch.GetElapsedTime(entry.ReadAt, now) < KeptFor)
            return entry.Summary;
        var summary = await ReadAsync(partnershipId, today, ct);
        kept.Entries[partnershipId] = new Entry(writes, today, now, summary);
        return summary;
    }

    private async Task<ExecutiveSummary> ReadAsync(Guid partnershipId, DateOnly today, CancellationToken ct)
    {
        var yearStart = new DateOnly(today.Year, 1, 1);
        var thisYear = await db.Audits.AsNoTracking().Where(a => a.PartnershipId == partnershipId && a.RequestsSentOn >= yearStart)
            .OrderBy(a => a.RequestsSentOn).Select(a => new AuditAtAGlance(a.Id, a.Title, a.Status, a.RequestsSentOn)).ToListAsync(ct);

        var judged = await (
            from p in db.PanelCaseRecords
            join a in db.Audits on p.AuditId equals a.Id
            where a.PartnershipId == partnershipId && p.AgreedGrade != null
            group p by new { a.RequestsSentOn.Year, p.AgreedGrade } into g
            select new { g.Key.Year, Grade = g.Key.AgreedGrade!.Value, Count = g.Count() }).ToListAsync(ct);
        var judgements = judged.GroupBy(j => j.Year).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<Grade, int>)Enum.GetValues<Grade>().ToDictionary(grade => grade, grade => g.Where(j => j.Grade == grade).Sum(j => j.Count)));

        var requests = await (
            from r in db.ReturnRequests
            join a in db.Audits on r.AuditId equals a.Id
            join g in db.Agencies on r.AgencyId equals g.Id
            where a.PartnershipId == partnershipId && r.Status != ReturnStatus.Draft
            group r by new { g.Name, a.RequestsSentOn.Year, r.Status } into x
            select new { Agency = x.Key.Name, x.Key.Year, x.Key.Status, Count = x.Count() }).ToListAsync(ct);
        var rates = requests.GroupBy(r => (r.Agency, r.Year)).OrderBy(g => g.Key.Agency, StringComparer.Ordinal).ThenBy(g => g.Key.Year)
            .Select(g => new AgencyYearRate(g.Key.Agency, g.Key.Year, g.Where(r => r.Status == ReturnStatus.Submitted).Sum(r => r.Count),
                g.Where(r => r.Status != ReturnStatus.NotKnownToAgency).Sum(r => r.Count))).ToList();

        var actions = await db.PlanActions.AsNoTracking().Where(a => a.PartnershipId == partnershipId)
            .GroupBy(a => new { Done = a.Progress == ActionProgress.Closed || a.Progress == ActionProgress.Complete, Closed = a.Progress == ActionProgress.Closed, Overdue = a.DueOn < today })
            .Select(g => new { g.Key.Done, g.Key.Closed, g.Key.Overdue, Count = g.Count() }).ToListAsync(ct);

        var themes = await learning.ThemesAsync(partnershipId, ct);
        var ids = thisYear.Select(a => a.Id).ToList();
        var finalReports = (await db.ReportVersions.Where(v => v.IsFinal && ids.Contains(v.AuditId)).Select(v => v.AuditId).Distinct().ToListAsync(ct)).ToHashSet();
        return new ExecutiveSummary(today.Year, thisYear, judgements, rates,
            actions.Where(a => !a.Done).Sum(a => a.Count), actions.Where(a => !a.Done && a.Overdue).Sum(a => a.Count), actions.Where(a => a.Closed).Sum(a => a.Count),
            [.. themes.Where(t => t.Recurring)], finalReports);
    }
}
