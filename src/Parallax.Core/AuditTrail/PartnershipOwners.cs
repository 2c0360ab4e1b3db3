using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Parallax.Core.AuditTrail;

/// <summary>
/// The partnership a changed record belongs to: its own PartnershipId, or, for a child record (an answer, a
/// judgement, a chronology event), its owner's, found by following its required foreign keys up to a record that
/// has one. Owners already tracked are read from the change tracker; others are found once per save.
/// </summary>
internal sealed class PartnershipOwners(DbContext context, bool synchronous, CancellationToken ct)
{
    private const string PartnershipIdProperty = "PartnershipId";
    private const int MaxDepth = 6;

    private readonly Dictionary<(IEntityType Type, string Key), Guid?> found = [];

    public ValueTask<Guid?> OfAsync(EntityEntry entry) => OfAsync(entry, 0);

    private async ValueTask<Guid?> OfAsync(EntityEntry entry, int depth)
    {
        if (entry.Entity is Partnerships.Partnership partnership) return partnership.Id;
        if (entry.Metadata.FindProperty(PartnershipIdProperty) is { } own)
            return (entry.Property(own.Name).CurrentValue ?? entry.Property(own.Name).OriginalValue) as Guid?;
        if (depth >= MaxDepth) return null;

        // Required owners first (an answer's return), then optional links (an action's user).
        foreach (var foreignKey in entry.Metadata.GetForeignKeys().OrderByDescending(k => k.IsRequired))
        {
            if (!foreignKey.PrincipalKey.IsPrimaryKey() || !LeadsToAPartnership(foreignKey.PrincipalEntityType, 0)) continue;
            var values = foreignKey.Properties.Select(p => entry.Property(p.Name).CurrentValue ?? entry.Property(p.Name).OriginalValue).ToArray();
            if (values.Any(v => v is null)) continue;

            var cacheKey = (foreignKey.PrincipalEntityType, string.Join(",", values));
            if (!found.TryGetValue(cacheKey, out var partnershipId))
            {
                var principal = synchronous
                    ? context.Find(foreignKey.PrincipalEntityType.ClrType, values)
                    : await context.FindAsync(foreignKey.PrincipalEntityType.ClrType, values, ct);
                partnershipId = principal is null ? null : await OfAsync(context.Entry(principal), depth + 1);
                found[cacheKey] = partnershipId;
            }

            if (partnershipId is not null) return partnershipId;
        }

        return null;
    }

    private static bool LeadsToAPartnership(IEntityType type, int depth) =>
        type.ClrType == typeof(Partnerships.Partnership)
        || type.FindProperty(PartnershipIdProperty) is not null
        || (depth < MaxDepth && type.GetForeignKeys().Any(k => k.PrincipalEntityType != type && LeadsToAPartnership(k.PrincipalEntityType, depth + 1)));
}
