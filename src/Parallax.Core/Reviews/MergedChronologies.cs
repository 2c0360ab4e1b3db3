using Microsoft.Extensions.Caching.Memory;

namespace Parallax.Core.Reviews;

/// <summary>
/// The events of submitted chronologies as the merge reads them, kept in memory so that a review's page, report and
/// indicators do not read and prepare thousands of rows again on every request (decision 0080). An entry is found only
/// under everything its rows were made from: the chronology's id and version (renewed by <see cref="ChronologyVersions"/>
/// whenever one of its events changes, and by every save of the chronology itself), the agency's code, and the id and
/// version of each of the partnership's event types. Anything else is a different key, so a changed chronology is read
/// again and the old entry ages out. Bounded by the number of events held.
/// </summary>
public sealed class MergedChronologies : IDisposable
{
    /// <summary>About 200 MB at most: a review of 20 agencies × 500 events is 10,000.</summary>
    public const int MaxEvents = 200_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxEvents });

    public bool TryGet(Key key, out MergeEvent[] events) => cache.TryGetValue(key, out events!);

    public void Set(Key key, MergeEvent[] events) =>
        cache.Set(key, events, new MemoryCacheEntryOptions { Size = Math.Max(1, events.Length), SlidingExpiration = TimeSpan.FromHours(1) });

    /// <summary>Forgets every chronology kept, so that the next read comes from the database (for measuring that read).</summary>
    public void Clear() => cache.Clear();

    public void Dispose() => cache.Dispose();

    /// <param name="Types">The partnership's event types as <c>id:version</c>, in a fixed order (see <see cref="TypesStamp"/>).</param>
    public readonly record struct Key(Guid Chronology, Guid Version, string AgencyCode, string Types);

    public static string TypesStamp(IEnumerable<ChronologyEventType> types) =>
        string.Join(',', types.OrderBy(t => t.Id).Select(t => $"{t.Id:N}:{t.Version:N}"));
}
