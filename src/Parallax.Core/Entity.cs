namespace Parallax.Core;

/// <summary>
/// A stored record. Its key is chosen by the application when the record is made (a time-ordered Guid v7), never by
/// the database, so a record added to a loaded aggregate is inserted (see <c>ParallaxDbContext</c>).
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
}

/// <summary>A stored record edited through forms, with its <see cref="IVersioned.Version"/> as concurrency token.</summary>
public abstract class VersionedEntity : Entity, IVersioned
{
    public Guid Version { get; set; } = Guid.NewGuid();
}
