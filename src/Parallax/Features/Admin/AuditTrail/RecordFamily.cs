using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Parallax.Features.Admin.AuditTrail;

/// <summary>
/// The trail keys of a record and of every record that belongs to it (decision 0050): its children found by
/// following foreign keys down from it (an audit's requests, returns, answers, judgements, queries, panel records,
/// findings, report, actions...), and the records a link row of the family points at (the cases in an audit's
/// sample), with their own children that do not belong to another record of the root's kind.
/// </summary>
public static class RecordFamily
{
    private const int MaxDepth = 8;

    private static readonly MethodInfo RowsMethod = typeof(RecordFamily).GetMethod(nameof(RowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static async Task<HashSet<string>> KeysAsync(ParallaxDbContext db, Type rootType, Guid rootId, CancellationToken ct = default)
    {
        var root = db.Model.FindEntityType(rootType)!;
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { rootId.ToString() };
        var ids = new Dictionary<IEntityType, HashSet<Guid>> { [root] = [rootId] };
        var pulledIn = new HashSet<IEntityType>();
        var frontier = new Dictionary<IEntityType, HashSet<Guid>> { [root] = [rootId] };

        for (var depth = 0; depth < MaxDepth && frontier.Count > 0; depth++)
        {
            var next = new Dictionary<IEntityType, HashSet<Guid>>();
            foreach (var type in db.Model.GetEntityTypes())
            {
                if (type.IsOwned() || type.ClrType == typeof(AuditEvent) || type.ClrType == typeof(AuditSeal) || type.ClrType.IsGenericType) continue;
                foreach (var foreignKey in type.GetForeignKeys())
                {
                    if (!frontier.TryGetValue(foreignKey.PrincipalEntityType, out var parentIds) || foreignKey.Properties.Count != 1) continue;
                    var fk = foreignKey.Properties[0];
                    if (fk.ClrType != typeof(Guid) && fk.ClrType != typeof(Guid?)) continue;
                    // A record reached through a pulled-in record (a case) belongs to this family only if it does not belong to another root.
                    if (pulledIn.Contains(foreignKey.PrincipalEntityType) && type.GetForeignKeys().Any(k => k.PrincipalEntityType == root)) continue;

                    var rows = await (Task<List<object[]>>)RowsMethod.MakeGenericMethod(type.ClrType, fk.ClrType)
                        .Invoke(null, [db, fk.Name, parentIds, type.FindPrimaryKey()!.Properties.Select(p => p.Name).ToArray(), ct])!;
                    foreach (var row in rows)
                    {
                        keys.Add(string.Join(",", row.Select(v => AuditTrailFormat(v))));
                        var primaryKey = type.FindPrimaryKey()!;
                        if (primaryKey.Properties.Count == 1 && row[0] is Guid id) Add(ids, next, type, id);

                        // A link row (its key is its links, like a case's place in a sample) brings in what it links.
                        if (primaryKey.Properties.Count > 1 && primaryKey.Properties.All(p => p.IsForeignKey()))
                        {
                            foreach (var link in type.GetForeignKeys().Where(k => k != foreignKey && k.Properties.Count == 1 && k.PrincipalEntityType != root))
                            {
                                var index = primaryKey.Properties.ToList().IndexOf(link.Properties[0]);
                                if (index < 0 || row[index] is not Guid linked) continue;
                                keys.Add(linked.ToString());
                                pulledIn.Add(link.PrincipalEntityType);
                                Add(ids, next, link.PrincipalEntityType, linked);
                            }
                        }
                    }
                }
            }

            frontier = next;
        }

        return keys;
    }

    private static void Add(Dictionary<IEntityType, HashSet<Guid>> ids, Dictionary<IEntityType, HashSet<Guid>> next, IEntityType type, Guid id)
    {
        if (!ids.TryGetValue(type, out var known)) ids[type] = known = [];
        if (!known.Add(id)) return;
        if (!next.TryGetValue(type, out var added)) next[type] = added = [];
        added.Add(id);
    }

    private static string AuditTrailFormat(object? value) => value switch
    {
        null => "",
        Guid g => g.ToString(),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static async Task<List<object[]>> RowsAsync<T, TKey>(DbContext db, string fk, HashSet<Guid> parentIds, string[] primaryKey, CancellationToken ct)
        where T : class
    {
        var wanted = parentIds.Select(id => (TKey)(object)id).ToList();
        var rows = await db.Set<T>().AsNoTracking().Where(e => wanted.Contains(EF.Property<TKey>(e, fk))).ToListAsync(ct);
        return rows.Select(r => primaryKey.Select(p => db.Entry(r).Property(p).CurrentValue!).ToArray()).ToList();
    }
}
