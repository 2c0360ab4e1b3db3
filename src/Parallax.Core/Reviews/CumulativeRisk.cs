namespace Parallax.Core.Reviews;

/// <summary>One occurrence of a pattern, with the events behind it.</summary>
public sealed record IndicatorInstance(string Summary, IReadOnlyList<Guid> EventIds);

/// <summary>
/// A cumulative-risk indicator over the merged chronology: what it counts and why (<see cref="Explanation"/>),
/// whether the chronology shows the pattern, the figure, and every event behind it. Nothing is scored or weighted.
/// </summary>
public sealed record RiskIndicator(string Key, string Title, string Explanation, bool Fired, string Finding, IReadOnlyList<IndicatorInstance> Instances)
{
    public IEnumerable<Guid> EventIds => Instances.SelectMany(i => i.EventIds).Distinct();
}

/// <summary>
/// The patterns published reviews found were missed when "each referral and additional concern appears to have been
/// addressed as a single issue" (s5.17, s5.58-5.60). Each indicator reads event types (not free text) and
/// uses the first day an event's date covers; month-precision dates are therefore compared from the 1st.
/// </summary>
public static class CumulativeRisk
{
    public const int ReferralsIn12Months = 3;
    public const int ConcernAfterClosureMonths = 3;
    public const int RepeatedCount = 2;
    public const int ReReferralDays = 30;

    private static readonly EventSignal[] NewConcern = [EventSignal.ReferralToChildrensSocialCare, EventSignal.DomesticAbuseIncident, EventSignal.AnonymousConcern];

    /// <summary>All seven indicators, in a fixed order, over events already merged (<see cref="ChronologyMerge.Merge"/> order).</summary>
    public static IReadOnlyList<RiskIndicator> Compute(IReadOnlyList<MergeEvent> events)
    {
        var ordered = events.ToArray();
        Array.Sort(ordered, ChronologyMerge.Order);
        return
        [
            Referrals(ordered),
            ConcernAfterClosure(ordered),
            Repeated(ordered, EventSignal.DomesticAbuseIncident, "domestic-abuse", "Repeated domestic abuse incidents",
                "Domestic abuse incidents recorded by any agency. Repeated incidents are a pattern of harm to the child, not a series of single events.", "incident"),
            Repeated(ordered, EventSignal.WasNotBrought, "was-not-brought", "Was not brought to health appointments",
                "Health appointments the child was not brought to, and health contacts that could not be arranged. Repeated, they can be a sign of neglect.", "missed appointment"),
            Repeated(ordered, EventSignal.SchoolAttendanceLetter, "attendance-letters", "School attendance letters",
                "Letters from school about the child's attendance or punctuality. Repeated letters say the child's daily care is not improving.", "letter"),
            Repeated(ordered, EventSignal.AnonymousConcern, "anonymous-concerns", "Concerns from anonymous members of the public",
                "Concerns raised anonymously by members of the public. Several, from different callers or times, are worth weighing together rather than closing one by one.", "concern"),
            ReReferral(ordered),
        ];
    }

    private static RiskIndicator Referrals(MergeEvent[] ordered)
    {
        var referrals = ordered.Where(e => e.Signal == EventSignal.ReferralToChildrensSocialCare).ToList();
        List<MergeEvent> busiest = [];
        for (var i = 0; i < referrals.Count; i++)
        {
            var end = referrals[i].Date.Start.AddMonths(12);
            var window = referrals.Skip(i).TakeWhile(r => r.Date.Start < end).ToList();
            if (window.Count > busiest.Count) busiest = window;
        }

        var fired = busiest.Count >= ReferralsIn12Months;
        var finding = busiest.Count == 0
            ? "No referrals or contacts to children's social care are recorded."
            : $"At most {Count(busiest.Count, "referral or contact", "referrals or contacts")} in 12 months: {Span(busiest)}.";
        return new RiskIndicator("referrals-12-months", "Referrals and contacts to children's social care in any 12 months",
            $"The largest number of referrals or contacts to children's social care within any 12 months in a row. It shows when there are {ReferralsIn12Months} or more.",
            fired, finding, busiest.Count == 0 ? [] : [new IndicatorInstance(Span(busiest), [.. busiest.Select(e => e.Id)])]);
    }

    private static RiskIndicator ConcernAfterClosure(MergeEvent[] ordered)
    {
        var instances = new List<IndicatorInstance>();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].Signal != EventSignal.ClosedNoFurtherAction) continue;
            var limit = ordered[i].Date.LastDay.AddMonths(ConcernAfterClosureMonths);
            var next = ordered.Skip(i + 1).FirstOrDefault(e => NewConcern.Contains(e.Signal) && e.Date.Start <= limit);
            if (next is not null)
                instances.Add(new IndicatorInstance($"Closed with no further action {ordered[i].Date}; new concern {next.Date} ({next.Agency})", [ordered[i].Id, next.Id]));
        }

        return new RiskIndicator("closed-then-concern", "Closed with no further action, then a new concern within 3 months",
            $"A contact closed with no further action, followed within {ConcernAfterClosureMonths} months by a new referral, domestic abuse incident or anonymous concern. Each closure may have been right on its own; together they can hide a pattern.",
            instances.Count > 0,
            instances.Count == 0 ? "No closure was followed by a new concern within 3 months." : $"{Count(instances.Count, "closure was", "closures were")} followed by a new concern within 3 months.",
            instances);
    }

    private static RiskIndicator ReReferral(MergeEvent[] ordered)
    {
        var instances = new List<IndicatorInstance>();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].Signal != EventSignal.PlanClosed) continue;
            var limit = ordered[i].Date.LastDay.AddDays(ReReferralDays);
            var next = ordered.Skip(i + 1).FirstOrDefault(e => e.Signal is EventSignal.ReferralToChildrensSocialCare or EventSignal.AnonymousConcern && e.Date.Start <= limit);
            if (next is not null)
                instances.Add(new IndicatorInstance($"Plan closed {ordered[i].Date}; referral {next.Date} ({next.Agency})", [ordered[i].Id, next.Id]));
        }

        return new RiskIndicator("closure-re-referral", "Plan closed, then a new referral within 30 days",
            $"A child in need or child protection plan closed or stepped down, followed within {ReReferralDays} days by a new referral. For a month-only date the {ReReferralDays} days run from the end of that month, so check the events.",
            instances.Count > 0,
            instances.Count == 0 ? "No plan closure was followed by a referral within 30 days." : $"{Count(instances.Count, "plan closure was", "plan closures were")} followed by a referral within 30 days.",
            instances);
    }

    private static RiskIndicator Repeated(MergeEvent[] ordered, EventSignal signal, string key, string title, string explanation, string noun)
    {
        var found = ordered.Where(e => e.Signal == signal).ToList();
        var fired = found.Count >= RepeatedCount;
        var finding = found.Count == 0 ? $"None recorded." : $"{Count(found.Count, noun, noun + "s")}: {Span(found)}.";
        return new RiskIndicator(key, title, $"{explanation} It shows when there are {RepeatedCount} or more.", fired, finding,
            found.Count == 0 ? [] : [new IndicatorInstance(Span(found), [.. found.Select(e => e.Id)])]);
    }

    private static string Span(IReadOnlyList<MergeEvent> events) =>
        events.Count == 1 ? events[0].Date.ToString() : $"{events[0].Date} to {events[^1].Date}";

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
