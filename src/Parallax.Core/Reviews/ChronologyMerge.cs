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
        // Each text's words as sorted numbers, the same number for the same word: comparing two texts is then a walk
        // along two short arrays rather than a string hash for every word of every pair.
        var numbering = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = sorted.Select(e => Numbered(Words(e.Text), numbering)).ToArray();
        // What each event is, as bits, so the same-kind test of every pair within the window is one AND.
        var kinds = sorted.Select(KindBits).ToArray();
        var parent = Enumerable.Range(0, sorted.Length).ToArray();
        int Find(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }

        for (var i = 0; i < sorted.Length; i++)
        {
            var limit = sorted[i].Date.Start.AddDays(DuplicateDays);
            for (var j = i + 1; j < sorted.Length && sorted[j].Date.Start <= limit; j++)
            {
                if (sorted[i].AgencyId != sorted[j].AgencyId && sorted[i].Date.Precision == sorted[j].Date.Precision
                    && ((kinds[i] & kinds[j]) != 0 && SameDay(sorted[i], sorted[j]) || Dice(words[i], words[j]) >= SimilarText))
                {
                    parent[Find(j)] = Find(i);
                }
            }
        }

        // Members of a group sit together where its first member sits; groups are numbered in that order.
        var members = new Dictionary<int, List<int>>();
        for (var i = 0; i < sorted.Length; i++)
        {
            var root = Find(i);
            if (!members.TryGetValue(root, out var list)) members[root] = list = [];
            list.Add(i);
        }

        var numbers = new Dictionary<int, int>();
        var rows = new List<MergedEvent>(sorted.Length);
        var placed = new bool[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            if (placed[i]) continue;
            var root = Find(i);
            var group = members[root];
            // The group's agencies once, in the order they first appear; each member lists the others.
            var agencies = group.Select(o => (sorted[o].AgencyId, sorted[o].Agency)).Distinct().ToList();
            if (agencies.Count < 2)
            {
                foreach (var m in group)
                {
                    rows.Add(new MergedEvent(sorted[m], null, []));
                    placed[m] = true;
                }

                continue;
            }

            numbers[root] = numbers.Count + 1;
            foreach (var m in group)
            {
                var others = agencies.Where(a => a.AgencyId != sorted[m].AgencyId).Select(a => a.Agency).Distinct().ToList();
                rows.Add(new MergedEvent(sorted[m], numbers[root], others));
                placed[m] = true;
            }
        }

        return filter is null ? rows : rows.Where(r => filter.Matches(r.Event)).ToList();
    }

    /// <summary>
    /// Same day, not month: with a signal in common (other than none or other), two agencies' reports that say the same
    /// kind of thing in different words ("police attended a domestic incident", "DV notification received") (decision 0063).
    /// </summary>
    private static bool SameDay(MergeEvent a, MergeEvent b) =>
        a.Date.Precision == DatePrecision.Day && b.Date.Precision == DatePrecision.Day && a.Date.Start == b.Date.Start && a.Date.End is null && b.Date.End is null;

    /// <summary>The event's signals as bits, leaving out none and other (which say nothing in common).</summary>
    private static ulong KindBits(MergeEvent e)
    {
        var bits = 0UL;
        foreach (var signal in e.Signals)
            if (signal is not (EventSignal.None or EventSignal.Other)) bits |= 1UL << ((int)signal % 64);
        return bits;
    }

    private static int[] Numbered(HashSet<string> words, Dictionary<string, int> numbering)
    {
        var numbers = new int[words.Count];
        var i = 0;
        foreach (var word in words)
        {
            if (!numbering.TryGetValue(word, out var number)) numbering[word] = number = numbering.Count;
            numbers[i++] = number;
        }

        Array.Sort(numbers);
        return numbers;
    }

    /// <summary>Dice coefficient of two sets of word numbers, each sorted and without repeats: 2|A∩B| / (|A|+|B|).</summary>
    private static double Dice(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) (common, i, j) = (common + 1, i + 1, j + 1);
            else if (a[i] < b[j]) i++;
            else j++;
        }

        return 2.0 * common / (a.Length + b.Length);
    }

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
