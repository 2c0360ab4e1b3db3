namespace Parallax.Core;

/// <summary>
/// An entity edited through forms. <see cref="Version"/> is an optimistic-concurrency token,
/// renewed on every save, so that a second editor working from a stale copy is refused
/// instead of silently overwriting the first.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
