namespace Parallax.Core.Partnerships;

public sealed class PartnershipDirectory(ParallaxDbContext db, TimeProvider clock)
{
    /// <summary>The partnership a command acts on: the one named, or the only one there is.</summary>
    public async Task<Partnership> ResolveAsync(string? name, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            return await db.Partnerships.FirstOrDefaultAsync(p => p.Name == name.Trim(), cancellationToken)
                ?? throw new DomainException($"There is no partnership called \"{name}\": `partnership list` shows them.");
        }

        var all = await db.Partnerships.OrderBy(p => p.Name).Take(2).ToListAsync(cancellationToken);
        return all.Count switch
        {
            0 => throw new DomainException("There is no partnership yet: run `demo`, or `partnership add --name NAME`."),
            1 => all[0],
            _ => throw new DomainException("There is more than one partnership: name one with --partnership NAME."),
        };
    }

    public async Task<Partnership> AddAsync(string name, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200)
            throw new DomainException("A partnership name must be between 1 and 200 characters.");
        if (await db.Partnerships.AnyAsync(p => p.Name == name, cancellationToken))
            throw new DomainException($"A partnership called \"{name}\" already exists.");

        var partnership = new Partnership { Name = name, CreatedAt = clock.GetUtcNow() };
        db.Partnerships.Add(partnership);
        await db.SaveChangesAsync(cancellationToken);
        return partnership;
    }
}
