using System.Collections.Concurrent;

namespace Parallax.Core.Tools;

/// <summary>
/// Frozen tool versions kept in memory once read (decision 0084). A version an audit uses is frozen and never changes
/// again (<see cref="ToolCatalogue"/> refuses every edit to it), so what one request read is what any request on any
/// node would read, for as long as the process runs. A draft is never kept. What it hands out is shared by every
/// request that asks: it is only read from, never changed; a caller that wants another order sorts into a list of its
/// own, and never assigns a version's <c>Sections</c> or a section's <c>Questions</c>.
/// </summary>
public sealed class FrozenToolVersions
{
    /// <summary>At most this many versions are kept; past it the lot is dropped and read again as asked for.</summary>
    private const int Most = 500;

    private readonly ConcurrentDictionary<Guid, ToolVersion> kept = new();

    /// <summary>The version with its sections in order and their questions, read from <paramref name="db"/> unless kept.</summary>
    public async Task<ToolVersion> LoadAsync(ParallaxDbContext db, Guid versionId, CancellationToken ct = default)
    {
        if (kept.TryGetValue(versionId, out var version)) return version;
        version = await db.ToolVersions.AsNoTracking().Include(v => v.Sections).ThenInclude(s => s.Questions).AsSplitQuery()
            .SingleAsync(v => v.Id == versionId, ct);
        version.Sections = version.Sections.OrderBy(s => s.Order).ToList();
        if (version.IsFrozen)
        {
            if (kept.Count >= Most) kept.Clear();
            kept[versionId] = version;
        }

        return version;
    }
}
