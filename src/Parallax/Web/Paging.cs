namespace Parallax.Web;

/// <summary>
/// One page of a long list, counted and cut in the database (decision 0043). Page numbers start at 1; a number
/// past the end shows the last page, and anything below 1 the first, so a stale link never shows an empty page.
/// </summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Number, int Size, int Total)
{
    public int Pages => Math.Max(1, (Total + Size - 1) / Size);

    public int First => Total == 0 ? 0 : ((Number - 1) * Size) + 1;

    public int Last => Math.Min(Total, Number * Size);
}

public static class Paging
{
    public const int DefaultSize = 25;

    public static async Task<Paged<T>> PageAsync<T>(this IQueryable<T> ordered, int? number, int size = DefaultSize, CancellationToken ct = default)
    {
        var total = await ordered.CountAsync(ct);
        var pages = Math.Max(1, (total + size - 1) / size);
        var n = Math.Clamp(number ?? 1, 1, pages);
        var items = await ordered.Skip((n - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<T>(items, n, size, total);
    }

    /// <summary>
    /// The page numbers GOV.UK pagination shows: the first, the last, the current one and its neighbours, with
    /// null for each gap ("⋯").
    /// </summary>
    public static IReadOnlyList<int?> Numbers(int current, int pages)
    {
        var shown = new SortedSet<int> { 1, pages, current, current - 1, current + 1 };
        var list = new List<int?>();
        var previous = 0;
        foreach (var n in shown.Where(n => n >= 1 && n <= pages))
        {
            if (n - previous > 1) list.Add(null);
            list.Add(n);
            previous = n;
        }

        return list;
    }
}

/// <summary>What the pagination partial needs: where it is, how many pages, and how to link to a page (keeping the list's filters and sort).</summary>
public sealed record PaginationView(int Number, int Pages, int First, int Last, int Total, string Noun, Func<int, string> Link);

/// <summary>A sortable column's header: a link that sorts by it (ascending, or the other way when it already sorts), with aria-sort saying how the table is sorted.</summary>
public sealed record SortView(string Label, string Key, string Sort, bool Descending, Func<string, bool, string> Link, bool Numeric = false)
{
    public bool Current => string.Equals(Key, Sort, StringComparison.OrdinalIgnoreCase);

    public string AriaSort => !Current ? "none" : Descending ? "descending" : "ascending";

    public string Href => Link(Key, Current && !Descending);
}
