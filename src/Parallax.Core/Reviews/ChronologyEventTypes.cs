using static Parallax.Core.Reviews.ReviewText;

namespace Parallax.Core.Reviews;

/// <summary>The partnership's types of chronology event: the defaults made on first use, and those the lead adds or renames.</summary>
public sealed class ChronologyEventTypes(ParallaxDbContext db)
{
    public async Task<List<ChronologyEventType>> EventTypesAsync(Guid partnershipId, CancellationToken ct = default)
    {
        await EnsureEventTypesAsync(partnershipId, ct);
        await db.SaveChangesAsync(ct);
        return await db.ChronologyEventTypes.AsNoTracking().Where(t => t.PartnershipId == partnershipId).OrderBy(t => t.Order).ToListAsync(ct);
    }

    public async Task SaveEventTypeAsync(Guid partnershipId, Guid? typeId, string? name, string? keywords, CancellationToken ct = default)
    {
        var text = Required(name, "Enter the name of the event type", "Name", 100);
        var words = Optional(keywords, 1000, "Keywords") ?? "";
        if (await db.ChronologyEventTypes.AnyAsync(t => t.PartnershipId == partnershipId && t.Name == text && t.Id != typeId, ct))
            throw new DomainException($"There is already an event type called \"{text}\"", "Name");
        if (typeId is { } id)
        {
            var type = await db.ChronologyEventTypes.FirstOrDefaultAsync(t => t.Id == id && t.PartnershipId == partnershipId, ct)
                ?? throw new DomainException("That event type does not exist");
            type.Name = text;
            type.Keywords = words;
        }
        else
        {
            var types = await db.ChronologyEventTypes.Where(t => t.PartnershipId == partnershipId).ToListAsync(ct);
            var order = types.Select(t => t.Order).DefaultIfEmpty(0).Max();
            db.ChronologyEventTypes.Add(new ChronologyEventType { PartnershipId = partnershipId, Name = text, Keywords = words, Order = order + 10 });
            // "Other" stays last, so it is suggested only when nothing else matches.
            if (types.FirstOrDefault(t => t.Name == "Other" && t.Signal == EventSignal.None) is { } other) other.Order = order + 20;
        }

        await db.SaveChangesAsync(ct);
    }

    internal async Task EnsureEventTypesAsync(Guid partnershipId, CancellationToken ct)
    {
        if (await db.ChronologyEventTypes.AnyAsync(t => t.PartnershipId == partnershipId, ct)) return;
        if (db.ChangeTracker.Entries<ChronologyEventType>().Any(e => e.Entity.PartnershipId == partnershipId)) return;
        var order = 0;
        foreach (var (name, signal, keywords) in EventTypes.Defaults)
            db.ChronologyEventTypes.Add(new ChronologyEventType { PartnershipId = partnershipId, Name = name, Signal = signal, Keywords = keywords, Order = order += 10 });
    }
}
