using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Parallax.Core.Reviews;

/// <summary>
/// A chronology's <see cref="ChronologyRequest.Version"/> stands for the chronology as a whole: it is renewed whenever
/// one of its events is added, changed or deleted, whichever code path saves the change. The merged events of a
/// submitted chronology are kept in memory under that version (<see cref="MergedChronologies"/>), so no edit can leave
/// a stale copy behind, on this node or another. Registered before the audit trail, which records the renewal.
/// </summary>
public sealed class ChronologyVersions : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
            foreach (var id in ChangedChronologies(context))
                Renew(context, context.Find<ChronologyRequest>(id));
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
            foreach (var id in ChangedChronologies(context))
                Renew(context, await context.FindAsync<ChronologyRequest>([id], cancellationToken));
        return result;
    }

    private static List<Guid> ChangedChronologies(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        return [.. context.ChangeTracker.Entries<ChronologyEvent>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.RequestId).Distinct()];
    }

    /// <summary>A chronology deleted with its events, or added with them, needs no new version.</summary>
    private static void Renew(DbContext context, ChronologyRequest? request)
    {
        if (request is not null && context.Entry(request).State is EntityState.Unchanged or EntityState.Modified) request.Version = Guid.NewGuid();
    }
}
