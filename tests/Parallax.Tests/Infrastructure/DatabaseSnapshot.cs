using System.Collections;
using System.Globalization;

namespace Parallax.Tests.Infrastructure;

/// <summary>
/// Every stored record of the partnerships' work, read through the model: one line per row and field. Two
/// snapshots compare to the list of what changed ("Case[…].Initials: AB → CD", a row added or removed), so a
/// test can say "saving the page unchanged changed nothing" or "only this field changed" about the whole
/// database, not only the record it expected to touch. The audit trail, security events, mail and keys are
/// left out: they record that something happened, and are tested on their own.
/// </summary>
public sealed class DatabaseSnapshot
{
    /// <summary>Records of what happened rather than of the work.</summary>
    private static readonly HashSet<string> Bookkeeping =
    [
        "AuditEvent", "AuditSeal", "SecurityEvent", "OutboxMessage", "DataProtectionKey", "ReportDownload",
        "IdentityUserToken`1", "IdentityUserLogin`1",
    ];

    /// <summary>Fields every save moves on: the concurrency version and when and by whom it was saved.</summary>
    private static readonly HashSet<string> Stamps = ["Version", "ConcurrencyStamp", "LastSavedAt", "UpdatedAt", "UpdatedBy", "LastSignInAt"];

    private readonly Dictionary<string, Dictionary<string, string>> rows;

    private DatabaseSnapshot(Dictionary<string, Dictionary<string, string>> rows) => this.rows = rows;

    public int RowCount => rows.Count;

    public static async Task<DatabaseSnapshot> TakeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !t.HasSharedClrType && !Bookkeeping.Contains(t.ClrType.Name)))
        {
            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type.ClrType).Invoke(db, null)!;
            await set.ToListAsync();
        }

        var rows = new Dictionary<string, Dictionary<string, string>>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            var type = entry.Metadata;
            var key = type.FindPrimaryKey()!.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue));
            var id = $"{type.ClrType.Name}[{string.Join(",", key)}]";
            rows[id] = entry.Properties.Where(p => !Stamps.Contains(p.Metadata.Name))
                .ToDictionary(p => p.Metadata.Name, p => Format(p.CurrentValue));
        }

        return new DatabaseSnapshot(rows);
    }

    /// <summary>What changed from this snapshot to <paramref name="later"/>, one line per row added or removed and per field changed.</summary>
    public IReadOnlyList<string> ChangesTo(DatabaseSnapshot later)
    {
        var changes = new List<string>();
        foreach (var (id, fields) in rows)
        {
            if (!later.rows.TryGetValue(id, out var after))
            {
                changes.Add($"removed {id}");
                continue;
            }

            changes.AddRange(fields.Where(f => after[f.Key] != f.Value).Select(f => $"{id}.{f.Key}: {f.Value} → {after[f.Key]}"));
        }

        changes.AddRange(later.rows.Keys.Where(id => !rows.ContainsKey(id)).Select(id => $"added {id}"));
        return changes;
    }

    /// <summary>Fails, listing every change, unless the database holds what it held.</summary>
    public async Task AssertUnchangedAsync(IServiceProvider services)
    {
        var changes = ChangesTo(await TakeAsync(services));
        Assert.True(changes.Count == 0, "Expected no change, found:" + Environment.NewLine + string.Join(Environment.NewLine, changes));
    }

    /// <summary>Fails unless exactly these changes were made (each as <see cref="ChangesTo"/> writes it, or its start).</summary>
    public async Task AssertOnlyAsync(IServiceProvider services, params string[] expected)
    {
        var changes = ChangesTo(await TakeAsync(services));
        var unexpected = changes.Where(c => !expected.Any(e => c.StartsWith(e, StringComparison.Ordinal) || c.Contains("]." + e, StringComparison.Ordinal))).ToList();
        var missing = expected.Where(e => !changes.Any(c => c.StartsWith(e, StringComparison.Ordinal) || c.Contains("]." + e, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0 && missing.Count == 0,
            $"Expected only {string.Join(", ", expected)}; found:{Environment.NewLine}{string.Join(Environment.NewLine, changes)}");
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => JsonSerializer.Serialize(list),
        _ => value.ToString() ?? "",
    };
}
