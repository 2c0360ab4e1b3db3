namespace Parallax.Core.Reviews;

/// <summary>One agency's event as the merged chronology reads it.</summary>
public sealed record MergeEvent(
    Guid Id, Guid AgencyId, string Agency, ChronologyDate Date, TimeOnly? Time, string Text, IReadOnlyList<Guid> PeopleIds,
    Guid? EventTypeId, EventSignal Signal, int Order, string? SourceReference = null, string? AgencyComment = null, string? EventType = null,
    IReadOnlyList<EventSignal>? MoreSignals = null, string? Reason = null)
{
    /// <summary>Everything the event is: its main type's signal, its other types' and those its words suggest.</summary>
    public IEnumerable<EventSignal> Signals => MoreSignals is null ? [Signal] : MoreSignals.Prepend(Signal).Distinct();

    public bool Is(EventSignal signal) => Signal == signal || (MoreSignals?.Contains(signal) ?? false);
}

/// <summary>A row of the merged chronology; <see cref="Group"/> numbers events that several agencies recorded.</summary>
public sealed record MergedEvent(MergeEvent Event, int? Group, IReadOnlyList<string> AlsoRecordedBy);

/// <summary>Which rows to show: any filter left null shows everything.</summary>
public sealed record ChronologyFilter(Guid? AgencyId = null, Guid? PersonId = null, Guid? EventTypeId = null, DateOnly? From = null, DateOnly? To = null)
{
    public bool Matches(MergeEvent e) =>
        (AgencyId is null || e.AgencyId == AgencyId)
        && (PersonId is null || e.PeopleIds.Contains(PersonId.Value))
        && (EventTypeId is null || e.EventTypeId == EventTypeId)
        && (From is null || e.Date.LastDay >= From)
        && (To is null || e.Date.Start <= To);
}

/// <summary>
/// Merges the agencies' chronologies into one timeline. Order: by the first day each date covers,
/// a coarser date before finer ones on the same day (so "June 2017" heads June), then time, agency and the
/// agency's own order. Near-duplicates (different agencies, same precision, dates within
/// <see cref="DuplicateDays"/> days, similar words) are grouped next to each other, never dropped: that two
/// agencies recorded the same event is itself something the reader needs to see.
/// </summary>
public static class ChronologyMerge
{
    public const int DuplicateDays = 2;

    /// <summary>The share of words two texts must have in common (Dice coefficient over their words).</summary>
    public const double SimilarText = 0.5;

    public static IComparer<MergeEvent> Order { get; } = Comparer<MergeEvent>.Create((a, b) =>
    {
        var c = a.Date.Start.CompareTo(b.Date.Start);
        if (c == 0) c = b.Date.Precision.CompareTo(a.Date.Precision);
        if (c == 0) c = Nullable.Compare(a.Time, b.Time);
        if (c == 0) c = string.CompareOrdinal(a.Agency, b.Agency);
        if (c == 0) c = a.Order.CompareTo(b.Order);
        return c == 0 ? a.Id.CompareTo(b.Id) : c;
    });

    public static IReadOnlyList<MergedEvent> Merge(IReadOnlyList<MergeEvent> events, ChronologyFilter? filter = null)
    {
        var sorted = events.ToArray();
        Array.Sort(sorted, Order);
        var words = sorted.Select(e => Words(e.Text)).ToArray();
        var parent = Enumerable.Range(0, sorted.Length).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);

        for (var i = 0; i < sorted.Length; i++)
        {
            var limit = sorted[i].Date.Start.AddDays(DuplicateDays);
            for (var j = i + 1; j < sorted.Length && sorted[j].Date.Start <= limit; j++)
            {
                if (sorted[i].AgencyId != sorted[j].AgencyId && sorted[i].Date.Precision == sorted[j].Date.Precision
                    && (Dice(words[i], words[j]) >= SimilarText || SameDaySameKind(sorted[i], sorted[j])))
                {
                    parent[Find(j)] = Find(i);
                }
            }
        }

        // Members of a group sit together where its first member sits; groups are numbered in that order.
        var members = Enumerable.Range(0, sorted.Length).GroupBy(Find).Where(g => g.Select(i => sorted[i].AgencyId).Distinct().Count() > 1)
            .ToDictionary(g => g.Key, g => g.ToList());
        var numbers = new Dictionary<int, int>();
        var rows = new List<MergedEvent>(sorted.Length);
        var placed = new bool[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            if (placed[i]) continue;
            var root = Find(i);
            if (!members.TryGetValue(root, out var group))
            {
                rows.Add(new MergedEvent(sorted[i], null, []));
                placed[i] = true;
                continue;
            }

            numbers[root] = numbers.Count + 1;
            foreach (var m in group)
            {
                var others = group.Where(o => sorted[o].AgencyId != sorted[m].AgencyId).Select(o => sorted[o].Agency).Distinct().ToList();
                rows.Add(new MergedEvent(sorted[m], numbers[root], others));
                placed[m] = true;
            }
        }

        return filter is null ? rows : rows.Where(r => filter.Matches(r.Event)).ToList();
    }

    /// <summary>
    /// Two agencies' reports of the same day that say the same kind of thing in different words ("police attended a
    /// domestic incident" and "DV notification received"): same day (not month), and a signal in common other
    /// than none or other (decision 0063).
    /// </summary>
    public static bool SameDaySameKind(MergeEvent a, MergeEvent b) =>
        a.Date.Precision == DatePrecision.Day && b.Date.Precision == DatePrecision.Day && a.Date.Start == b.Date.Start && a.Date.End is null && b.Date.End is null
        && a.Signals.Any(s => s is not (EventSignal.None or EventSignal.Other) && b.Is(s));

    /// <summary>Dice coefficient of two word sets: 2|A∩B| / (|A|+|B|).</summary>
    public static double Dice(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = small.Count(large.Contains);
        return 2.0 * common / (a.Count + b.Count);
    }

    /// <summary>The words that carry meaning: lower case, three letters or more, not the commonest words, plural "s" dropped.</summary>
    public static HashSet<string> Words(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                var word = text[start..i].ToLowerInvariant();
                if (word.Length > 3 && word[^1] == 's' && word[^2] != 's') word = word[..^1];
                if (word.Length >= 3 && !StopWords.Contains(word)) set.Add(word);
                start = -1;
            }
        }

        return set;
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "that", "this", "was", "were", "has", "had", "have", "her", "his", "their", "they", "she",
        "from", "not", "but", "are", "who", "which", "about", "into", "after", "before", "following", "been", "there", "then", "also",
    };
}
