namespace Parallax.Core.Reviews;

/// <summary>One occurrence of a pattern, with the events behind it (every agency's record of each).</summary>
public sealed record IndicatorInstance(string Summary, IReadOnlyList<Guid> EventIds);

/// <summary>
/// A cumulative-risk indicator over the merged chronology: its rule in words (<see cref="Explanation"/>),
/// whether the chronology shows the pattern, the figure (<see cref="Count"/>, counting what happened to the child
/// once however many agencies recorded it), and every event behind it. Nothing is scored or weighted.
/// </summary>
public sealed record RiskIndicator(string Key, string Title, string Explanation, bool Fired, string Finding, IReadOnlyList<IndicatorInstance> Instances, int Count = 0)
{
    public IEnumerable<Guid> EventIds => Instances.SelectMany(i => i.EventIds).Distinct();
}

/// <summary>
/// Something that happened once, as the indicators count it: one event, or a group of agencies' records of the
/// same thing (<see cref="ChronologyMerge"/>'s duplicate groups). Its date is its first member's; its signals are
/// all its members' together.
/// </summary>
public sealed class Episode(IReadOnlyList<MergeEvent> members)
{
    private readonly HashSet<EventSignal> signals = [.. members.SelectMany(m => m.Signals)];

    public IReadOnlyList<MergeEvent> Members { get; } = members;

    public MergeEvent First => Members[0];

    public ChronologyDate Date => First.Date;

    public DateOnly Start { get; } = members.Min(m => m.Date.Start);

    public DateOnly LastDay { get; } = members.Max(m => m.Date.LastDay);

    public bool Is(EventSignal signal) => signals.Contains(signal);

    public IEnumerable<Guid> Ids => Members.Select(m => m.Id);

    public string Agencies => string.Join(", ", Members.Select(m => m.Agency).Distinct());

    public bool Involves(Guid person) => Members.Any(m => m.PeopleIds.Contains(person));

    /// <summary>Whether this certainly happened after <paramref name="other"/>: it starts after the other's last day.</summary>
    public bool CertainlyAfter(Episode other) => Start > other.LastDay;

    public override string ToString() => $"{Date} ({Agencies})";
}

/// <summary>
/// The patterns published reviews found were missed when "each referral and additional concern appears to have
/// been addressed as a single issue". Each indicator reads event types (the agency's, the lead's, and those the
/// words suggest) over episodes, so a duplicate group counts once. A month- or year-precision date covers every
/// day of it: the indicators never claim an order inside a month, and say "possibly" when the order is unknown
/// (decision 0064).
/// </summary>
public static class CumulativeRisk
{
    private static readonly EventSignal[] NewConcern =
        [EventSignal.ReferralToChildrensSocialCare, EventSignal.ContactOrConcern, EventSignal.DomesticAbuseIncident, EventSignal.AnonymousConcern, EventSignal.Injury, EventSignal.PoliceAttendance];

    private static readonly EventSignal[] Referral = [EventSignal.ReferralToChildrensSocialCare, EventSignal.ContactOrConcern, EventSignal.AnonymousConcern];

    /// <summary>Types that record that the child was not seen, or paperwork about the child rather than seeing them.</summary>
    private static readonly EventSignal[] NotASighting =
        [EventSignal.WasNotBrought, EventSignal.MissingFromEducation, EventSignal.SchoolAttendanceLetter, EventSignal.ClosedNoFurtherAction, EventSignal.PlanClosed,
         EventSignal.AnonymousConcern, EventSignal.ReferralToChildrensSocialCare, EventSignal.ContactOrConcern, EventSignal.StrategyDiscussion];

    /// <summary>The episodes of a chronology: duplicate groups once, in merged order.</summary>
    public static IReadOnlyList<Episode> Episodes(IReadOnlyList<MergeEvent> events) => Episodes(ChronologyMerge.Merge(events));

    /// <summary>The episodes of a chronology already merged (unfiltered), so a page that shows it merges it once.</summary>
    public static IReadOnlyList<Episode> Episodes(IReadOnlyList<MergedEvent> merged)
    {
        var lists = new List<List<MergeEvent>>();
        int? group = null;
        foreach (var row in merged)
        {
            if (row.Group is { } g && g == group) { lists[^1].Add(row.Event); continue; }
            lists.Add([row.Event]);
            group = row.Group;
        }

        return [.. lists.Select(l => new Episode(l))];
    }

    public static IReadOnlyList<RiskIndicator> Compute(IReadOnlyList<MergeEvent> events, IndicatorContext? context = null) =>
        Compute(ChronologyMerge.Merge(events), context);

    /// <summary>The indicators over a chronology already merged by <see cref="ChronologyMerge.Merge"/>, without a filter.</summary>
    public static IReadOnlyList<RiskIndicator> Compute(IReadOnlyList<MergedEvent> merged, IndicatorContext? context = null)
    {
        context ??= new IndicatorContext();
        var rules = context.Rules;
        var episodes = Episodes(merged);
        return
        [
            BusiestReferrals(episodes, rules),
            ReferralsBeforeIncident(episodes, context),
            ConcernAfterClosure(episodes, rules),
            ReReferral(episodes, rules),
            NotSeen(episodes, context),
            ToxicTrio(episodes, rules),
            BabyInjury(episodes, context),
            Repeated(episodes, rules, EventSignal.WasNotBrought, "was-not-brought", "Repeatedly not brought to appointments",
                "Health or other appointments the child was not brought to. Repeated, they can be a sign of neglect: the child depends on an adult to get there.", "time not brought", "times not brought"),
            Repeated(episodes, rules, EventSignal.DomesticAbuseIncident, "domestic-abuse", "Repeated domestic abuse incidents",
                "Domestic abuse incidents recorded by any agency. Repeated incidents are a pattern of harm to the child, not a series of single events.", "incident", "incidents"),
            Repeated(episodes, rules, EventSignal.MissingFromEducation, "missing-education", "Repeatedly missing or absent from education",
                "Times the child was recorded missing or absent from education, including attendance letters.", "time", "times", EventSignal.SchoolAttendanceLetter),
            Repeated(episodes, rules, EventSignal.AnonymousConcern, "anonymous-concerns", "Concerns from anonymous members of the public",
                "Concerns raised anonymously by members of the public. Several are worth weighing together rather than closing one by one.", "concern", "concerns"),
        ];
    }

    private static bool AnyOf(Episode e, EventSignal[] signals) => signals.Any(e.Is);

    /// <summary>
    /// The episodes that start from a year before <paramref name="from"/> (a month, a year or a range that began
    /// earlier may still reach past it) up to <paramref name="limit"/>, in order. Episodes are in order of their start,
    /// so the first is found by halving.
    /// </summary>
    private static IEnumerable<Episode> After(IReadOnlyList<Episode> episodes, DateOnly from, DateOnly limit)
    {
        var earliest = from.AddDays(-366);
        int low = 0, high = episodes.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (episodes[mid].Start < earliest) low = mid + 1;
            else high = mid;
        }

        for (var i = low; i < episodes.Count && episodes[i].Start <= limit; i++) yield return episodes[i];
    }

    private static RiskIndicator BusiestReferrals(IReadOnlyList<Episode> episodes, IndicatorSettings rules)
    {
        var referrals = episodes.Where(e => AnyOf(e, Referral)).ToList();
        List<Episode> busiest = [];
        var best = 0;
        DateOnly? bestStart = null;
        for (var i = 0; i < referrals.Count; i++)
        {
            // Episodes are in order of their start: a window starting on the same day as the last one is the same window.
            if (i > 0 && referrals[i].Start == referrals[i - 1].Start) continue;
            var start = referrals[i].Start;
            var end = start.AddMonths(rules.WindowMonths);
            // Only what certainly falls inside the window counts: "2018" is not counted in a window ending in June 2018.
            var count = 0;
            for (var j = i; j < referrals.Count && referrals[j].Start < end; j++)
                if (referrals[j].LastDay < end) count++;
            if (count > best) (best, bestStart) = (count, start);
        }

        if (bestStart is { } from)
        {
            var until = from.AddMonths(rules.WindowMonths);
            busiest = referrals.Where(r => r.Start >= from && r.LastDay < until).ToList();
        }

        var fired = busiest.Count >= rules.ReferralsInWindow;
        var finding = busiest.Count == 0
            ? "No referrals, contacts or concerns to children's social care are recorded."
            : $"At most {Plural(busiest.Count, "referral or contact", "referrals or contacts")} in {rules.WindowMonths} months: {Span(busiest)}.";
        return new RiskIndicator("referrals-12-months", $"Referrals and contacts in any {rules.WindowMonths} months",
            $"The largest number of referrals, contacts or concerns to children's social care within any {rules.WindowMonths} months in a row, each counted once however many agencies recorded it. A month- or year-only date counts only when the whole month or year is inside the window. It shows when there are {rules.ReferralsInWindow} or more.",
            fired, finding, busiest.Count == 0 ? [] : [new IndicatorInstance(Span(busiest), [.. busiest.SelectMany(e => e.Ids)])], busiest.Count);
    }

    private static RiskIndicator ReferralsBeforeIncident(IReadOnlyList<Episode> episodes, IndicatorContext context)
    {
        var rules = context.Rules;
        const string key = "referrals-before-incident";
        var title = $"Referrals and contacts in the {rules.WindowMonths} months before the incident";
        var explanation = $"Referrals, contacts or concerns to children's social care in the {rules.WindowMonths} months before the incident the review is about, each counted once. Events whose month or year reaches across the start of that period or the incident are listed as possibly in it, not counted. It shows when there are {rules.ReferralsInWindow} or more.";
        if (context.IncidentOn is not { } incident)
            return new RiskIndicator(key, title, explanation, false, "The review has no incident date, so this cannot be worked out.", []);
        var from = incident.AddMonths(-rules.WindowMonths);
        var referrals = episodes.Where(e => AnyOf(e, Referral)).ToList();
        var certain = referrals.Where(e => e.Start >= from && e.LastDay < incident).ToList();
        // A month-only incident: events in its month may be before it or after it, so they are possible, never certain.
        var end = context.IncidentEnd ?? incident;
        var possible = referrals.Where(e => !certain.Contains(e) && e.LastDay >= from && e.Start < end).ToList();
        var finding = $"{Plural(certain.Count, "referral or contact", "referrals or contacts")} from {ChronologyDate.Format(from, DatePrecision.Day)} to the incident {(context.IncidentPrecision == DatePrecision.Month ? "in" : "on")} {ChronologyDate.Format(incident, context.IncidentPrecision)}"
            + (possible.Count > 0 ? $", and {Plural(possible.Count, "more that may be", "more that may be")} in it (dated only by month or year, or in the incident's month)." : ".");
        List<IndicatorInstance> instances = [];
        if (certain.Count > 0) instances.Add(new IndicatorInstance($"In the period: {Span(certain)}", [.. certain.SelectMany(e => e.Ids)]));
        if (possible.Count > 0) instances.Add(new IndicatorInstance($"Possibly in the period: {Span(possible)}", [.. possible.SelectMany(e => e.Ids)]));
        return new RiskIndicator(key, title, explanation, certain.Count >= rules.ReferralsInWindow, finding, instances, certain.Count);
    }

    private static RiskIndicator ConcernAfterClosure(IReadOnlyList<Episode> episodes, IndicatorSettings rules) =>
        ClosedThen(episodes, new Closure(EventSignal.ClosedNoFurtherAction, "Closed", "closure"), NewConcern, "a new concern", rules.ConcernAfterClosureDays,
            "closed-then-concern", $"Closed, then a new concern within {rules.ConcernAfterClosureDays} days",
            $"A case or contact closed with no further action (read from its type or its words, such as \"closed following enquiries\"), followed within {rules.ConcernAfterClosureDays} days of the end of the closure's date by a new referral, contact, domestic abuse incident, anonymous concern, injury or police attendance. Each closure may have been right on its own; together they can hide a pattern. When both are dated only by the same month, the order is not known and the finding says so.");

    private static RiskIndicator ReReferral(IReadOnlyList<Episode> episodes, IndicatorSettings rules) =>
        ClosedThen(episodes, new Closure(EventSignal.PlanClosed, "Plan closed", "plan closure"), Referral, "a referral", rules.ReReferralAfterPlanDays,
            "closure-re-referral", $"Plan closed, then a new referral within {rules.ReReferralAfterPlanDays} days",
            $"A child in need or child protection plan closed or stepped down, followed within {rules.ReReferralAfterPlanDays} days of the end of the closure's date by a new referral, contact or anonymous concern.");

    /// <summary>What closes: its signal, the words that start an instance ("Plan closed") and its noun in the finding ("plan closure").</summary>
    private sealed record Closure(EventSignal Signal, string Closed, string Noun);

    /// <summary>Each closure followed by one of <paramref name="then"/> within <paramref name="days"/> days of the closure's last possible day.</summary>
    private static RiskIndicator ClosedThen(IReadOnlyList<Episode> episodes, Closure closed, EventSignal[] then, string thenWords, int days, string key, string title, string explanation)
    {
        var instances = new List<IndicatorInstance>();
        foreach (var closure in episodes.Where(e => e.Is(closed.Signal)))
        {
            // What follows must be able to have come after the closure, and start within N days of the closure's last possible day.
            var limit = closure.LastDay.AddDays(days);
            var next = After(episodes, closure.Start, limit).FirstOrDefault(e => e != closure && AnyOf(e, then) && !e.Is(closed.Signal) && e.LastDay > closure.Start);
            if (next is null) continue;
            instances.Add(new IndicatorInstance(
                $"{closed.Closed} {closure}; {(next.CertainlyAfter(closure) ? "then" : "in the same period (order not known)")} {thenWords} {next}: {Excerpt(next)}",
                [.. closure.Ids, .. next.Ids]));
        }

        return new RiskIndicator(key, title, explanation,
            instances.Count > 0,
            instances.Count == 0 ? $"No {closed.Noun} was followed by {thenWords} within {days} days." : $"{Plural(instances.Count, $"{closed.Noun} was", $"{closed.Noun}s were")} followed by {thenWords} within {days} days.",
            instances, instances.Count);
    }

    private static RiskIndicator NotSeen(IReadOnlyList<Episode> episodes, IndicatorContext context)
    {
        var rules = context.Rules;
        const string key = "not-seen";
        var title = $"Child not seen by any agency for {rules.NotSeenMonths} months or more";
        var explanation = $"The longest time between two events in which an agency saw the child, and from the last of them to the incident. An event counts as seeing the child when it names the child among the people and is not a \"was not brought\", an absence from education, an attendance letter, a closure, a referral, contact or concern, or a strategy discussion. The gap is measured from the end of one event's date to the start of the next, so a month-only date never makes a gap look longer than it could have been. It shows when a gap is {rules.NotSeenMonths} months or more.";
        if (context.ChildId is not { } child)
            return new RiskIndicator(key, title, explanation, false, "The review's child is not known, so this cannot be worked out.", []);
        var seen = episodes.Where(e => e.Involves(child) && !AnyOf(e, NotASighting)).OrderBy(e => e.Start).ToList();
        if (seen.Count == 0)
            return new RiskIndicator(key, title, explanation, false, "No event records an agency seeing the child.", []);
        var instances = new List<IndicatorInstance>();
        var longest = 0;
        for (var i = 0; i + 1 < seen.Count; i++)
        {
            var months = WholeMonths(seen[i].LastDay, seen[i + 1].Start);
            longest = Math.Max(longest, months);
            if (months >= rules.NotSeenMonths)
                instances.Add(new IndicatorInstance($"Not seen for at least {Plural(months, "month", "months")}: last seen {seen[i]} ({Excerpt(seen[i])}), next seen {seen[i + 1]} ({Excerpt(seen[i + 1])})", [.. seen[i].Ids, .. seen[i + 1].Ids]));
        }

        if (context.IncidentOn is { } incident && seen[^1].LastDay < incident)
        {
            var months = WholeMonths(seen[^1].LastDay, incident);
            longest = Math.Max(longest, months);
            if (months >= rules.NotSeenMonths)
                instances.Add(new IndicatorInstance($"Not seen for at least {Plural(months, "month", "months")} before the incident: last seen {seen[^1]} ({Excerpt(seen[^1])})", [.. seen[^1].Ids]));
        }

        return new RiskIndicator(key, title, explanation, instances.Count > 0,
            instances.Count == 0 ? $"The longest gap is {Plural(longest, "month", "months")}." : $"{Plural(instances.Count, "gap", "gaps")} of {rules.NotSeenMonths} months or more; the longest is at least {Plural(longest, "month", "months")}.",
            instances, instances.Count);
    }

    private static RiskIndicator ToxicTrio(IReadOnlyList<Episode> episodes, IndicatorSettings rules)
    {
        EventSignal[] trio = [EventSignal.DomesticAbuseIncident, EventSignal.SubstanceMisuse, EventSignal.ParentalMentalHealth];
        var relevant = episodes.Where(e => AnyOf(e, trio)).ToList();
        IndicatorInstance? found = null;
        for (var i = 0; i < relevant.Count; i++)
        {
            var first = relevant[i];
            if (i > 0 && relevant[i - 1].Start == first.Start) continue; // the same window as the one before
            var end = first.Start.AddMonths(rules.ToxicTrioMonths);
            // In order of start: nothing from the first one starting at or after the end can be in the window.
            var window = new List<Episode>();
            for (var j = i; j < relevant.Count && relevant[j].Start < end; j++)
                if (relevant[j].LastDay < end) window.Add(relevant[j]);
            if (!trio.All(s => window.Any(e => e.Is(s)))) continue;
            // One event of each kind, the earliest in the window: enough to show all three together.
            var shown = trio.Select(s => window.First(e => e.Is(s))).Distinct().OrderBy(e => e.Start).ToList();
            found = new IndicatorInstance($"Within {rules.ToxicTrioMonths} months from {first.Date}: " + string.Join("; ", shown.Select(e => $"{e} {Excerpt(e)}")), [.. shown.SelectMany(e => e.Ids)]);
            break;
        }

        var present = trio.Where(s => relevant.Any(e => e.Is(s))).Select(Describe).ToList();
        return new RiskIndicator("toxic-trio", $"Domestic abuse, substance misuse and parental mental health within {rules.ToxicTrioMonths} months",
            $"All three of domestic abuse, substance misuse and parental mental health difficulties recorded in the household within {rules.ToxicTrioMonths} months (the \"toxic trio\"), read from the events' types (an event can have several). A month- or year-only date counts only when it is wholly inside the {rules.ToxicTrioMonths} months.",
            found is not null,
            found is not null ? "All three are recorded within the period." : present.Count == 0 ? "None of the three is recorded." : $"Recorded, but not all three within {rules.ToxicTrioMonths} months: {string.Join(", ", present)}.",
            found is null ? [] : [found], found is null ? 0 : 1);
    }

    private static RiskIndicator BabyInjury(IReadOnlyList<Episode> episodes, IndicatorContext context)
    {
        const string key = "baby-injury";
        const string title = "Injury to a baby under one";
        const string explanation = "Any injury, bruise or near miss recorded for the child before their first birthday. In a baby who is not yet mobile, any injury needs explaining. An injury whose month or year reaches past the first birthday is listed as possibly before it.";
        if (context.ChildBornOn is not { } born || context.ChildId is not { } child)
            return new RiskIndicator(key, title, explanation, false, "The child's date of birth is not on the review's indicator settings, so this cannot be worked out.", []);
        var birthday = born.AddYears(1);
        var injuries = episodes.Where(e => e.Is(EventSignal.Injury) && (e.Involves(child) || e.Members.All(m => m.PeopleIds.Count == 0)) && e.Start < birthday).ToList();
        var instances = injuries.Select(e => new IndicatorInstance($"{(e.LastDay < birthday ? "" : "Possibly before the first birthday: ")}{e}: {Excerpt(e)}", [.. e.Ids])).ToList();
        return new RiskIndicator(key, title, explanation, instances.Count > 0,
            instances.Count == 0 ? "No injury is recorded before the child's first birthday." : $"{Plural(instances.Count, "injury", "injuries")} recorded before the child's first birthday.",
            instances, instances.Count);
    }

    private static RiskIndicator Repeated(IReadOnlyList<Episode> episodes, IndicatorSettings rules, EventSignal signal, string key, string title, string explanation, string one, string many, EventSignal? also = null)
    {
        var found = episodes.Where(e => e.Is(signal) || (also is { } a && e.Is(a))).ToList();
        var fired = found.Count >= rules.RepeatCount;
        var finding = found.Count == 0 ? "None recorded." : $"{Plural(found.Count, one, many)}: {Span(found)}.";
        return new RiskIndicator(key, title, $"{explanation} Each is counted once however many agencies recorded it. It shows when there are {rules.RepeatCount} or more.", fired, finding,
            [.. found.Select(e => new IndicatorInstance($"{e}: {Excerpt(e)}", [.. e.Ids]))], found.Count);
    }

    public static string Describe(EventSignal signal) => signal switch
    {
        EventSignal.DomesticAbuseIncident => "domestic abuse",
        EventSignal.SubstanceMisuse => "substance misuse",
        EventSignal.ParentalMentalHealth => "parental mental health",
        _ => signal.ToString(),
    };

    /// <summary>Whole months from one day to a later one (0 when less than a month).</summary>
    public static int WholeMonths(DateOnly from, DateOnly to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        if (to.Day < from.Day) months--;
        return Math.Max(0, months);
    }

    private static string Excerpt(Episode e)
    {
        var text = e.First.Text.ReplaceLineEndings(" ");
        return text.Length <= 120 ? $"\"{text}\"" : $"\"{text[..117]}...\"";
    }

    private static string Span(IReadOnlyList<Episode> episodes) =>
        episodes.Count == 1 ? episodes[0].Date.ToString() : $"{episodes[0].Date} to {episodes[^1].Date}";

    private static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
