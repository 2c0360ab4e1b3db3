namespace Parallax.Core.Actions;

/// <summary>One theme in one year: how often audits found it a strength and an area for improvement.</summary>
public sealed record ThemeYear(int Year, int Strengths, int Areas);

/// <summary>
/// One theme across the partnership's audits: by year; the recommendations made on it and how many of
/// their actions are complete; and whether it keeps coming back (<see cref="LearningOverTime.IsRecurring"/>).
/// </summary>
public sealed record ThemeHistory(string Theme, IReadOnlyList<ThemeYear> Years, int Recommendations, int Actions, int ActionsDone, bool Recurring, IReadOnlyList<string> RecurringIn)
{
    public int Strengths => Years.Sum(y => y.Strengths);

    public int Areas => Years.Sum(y => y.Areas);
}

/// <summary>
/// Learning followed across audits: which themes recur as areas for improvement, which
/// recommendations addressed them, and whether the actions were done. Loaded with a few flat queries
/// (findings with their audit's date, recommendations, actions) and put together in memory.
/// </summary>
public sealed class LearningOverTime(ParallaxDbContext db)
{
    public const int RecurringAudits = 3;
    public const int RecurringWindowMonths = 24;

    /// <summary>A finding as learning needs it: its theme, kind, audit and the audit's date.</summary>
    public sealed record DatedFinding(Guid Id, Guid ThemeId, FindingKind Kind, Guid AuditId, string AuditTitle, DateOnly AuditOn);

    public async Task<IReadOnlyList<ThemeHistory>> ThemesAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var themes = await db.Themes.AsNoTracking().Where(t => t.PartnershipId == partnershipId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var findings = await (
            from f in db.Findings.AsNoTracking()
            join a in db.Audits on f.AuditId equals a.Id
            where a.PartnershipId == partnershipId
            select new DatedFinding(f.Id, f.ThemeId, f.Kind, a.Id, a.Title, a.RequestsSentOn)).ToListAsync(ct);
        // Practice reviews' learning points count as areas for improvement and their good practice as strengths, dated by notification.
        findings.AddRange(await (
            from l in db.ReviewLearnings.AsNoTracking()
            join r in db.PracticeReviews on l.ReviewId equals r.Id
            where r.PartnershipId == partnershipId && l.ThemeId != null && (l.Kind == Reviews.LearningKind.LearningPoint || l.Kind == Reviews.LearningKind.GoodPractice)
            select new DatedFinding(l.Id, l.ThemeId!.Value, l.Kind == Reviews.LearningKind.GoodPractice ? FindingKind.Strength : FindingKind.AreaForImprovement, r.Id, r.Title, r.NotifiedOn)).ToListAsync(ct));
        var recommendations = await db.Recommendations.AsNoTracking().Where(r => r.PartnershipId == partnershipId)
            .Select(r => new { r.Id, r.FindingIds }).ToListAsync(ct);
        var actions = await db.PlanActions.AsNoTracking().Where(a => a.PartnershipId == partnershipId)
            .Select(a => new { a.RecommendationId, a.CompletedAt }).ToListAsync(ct);

        var themeOfFinding = findings.ToDictionary(f => f.Id, f => f.ThemeId);
        var recommendationThemes = recommendations.ToDictionary(r => r.Id, r => r.FindingIds.Where(themeOfFinding.ContainsKey).Select(id => themeOfFinding[id]).ToHashSet());
        var byTheme = findings.ToLookup(f => f.ThemeId);

        return [.. themes.Select(theme =>
        {
            var found = byTheme[theme.Key].ToList();
            var recs = recommendationThemes.Where(r => r.Value.Contains(theme.Key)).Select(r => r.Key).ToHashSet();
            var themeActions = actions.Where(a => recs.Contains(a.RecommendationId)).ToList();
            var completions = themeActions.Where(a => a.CompletedAt is not null).Select(a => Calendar.PartnershipCalendar.LondonDate(a.CompletedAt!.Value)).ToList();
            var recurring = RecurringAuditsOf(found, completions);
            var years = found.GroupBy(f => f.AuditOn.Year).OrderBy(g => g.Key)
                .Select(g => new ThemeYear(g.Key, g.Count(f => f.Kind == FindingKind.Strength), g.Count(f => f.Kind == FindingKind.AreaForImprovement))).ToList();
            return new ThemeHistory(theme.Value, years, recs.Count, themeActions.Count, completions.Count, recurring.Count > 0, recurring);
        }).Where(t => t.Years.Count > 0).OrderByDescending(t => t.Recurring).ThenByDescending(t => t.Areas).ThenBy(t => t.Theme, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The recurring rule: the theme was an area for improvement in <see cref="RecurringAudits"/> or more
    /// different audits within <see cref="RecurringWindowMonths"/> months, and an action on it had been
    /// completed before the last of them; that is, it came back despite completed actions. Returns those
    /// audits' titles (empty when it does not recur).
    /// </summary>
    public static IReadOnlyList<string> RecurringAuditsOf(IReadOnlyList<DatedFinding> findings, IReadOnlyList<DateOnly> actionsCompletedOn)
    {
        if (actionsCompletedOn.Count == 0) return [];
        var audits = findings.Where(f => f.Kind == FindingKind.AreaForImprovement).GroupBy(f => f.AuditId)
            .Select(g => (g.First().AuditOn, g.First().AuditTitle)).OrderBy(a => a.AuditOn).ToList();
        for (var last = RecurringAudits - 1; last < audits.Count; last++)
        {
            var windowStart = audits[last].AuditOn.AddMonths(-RecurringWindowMonths);
            var inWindow = audits.Take(last + 1).Where(a => a.AuditOn >= windowStart).ToList();
            if (inWindow.Count >= RecurringAudits && actionsCompletedOn.Any(done => done < audits[last].AuditOn))
                return [.. inWindow.Select(a => a.AuditTitle)];
        }

        return [];
    }
}
