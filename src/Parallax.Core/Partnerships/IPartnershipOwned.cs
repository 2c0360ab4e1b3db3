namespace Parallax.Core.Partnerships;

/// <summary>
/// A record that belongs to one partnership: an audit, a case, a practice review, an agency, a tool, an action plan's
/// recommendation or action, a theme, an event type, a bank holiday, a message in the outbox. Records below these
/// (returns, answers, chronology events) belong through them.
/// </summary>
/// <remarks>
/// Once a context is scoped to a partnership (<see cref="Data.ParallaxDbContext.ScopeTo"/>, done for every signed-in
/// request), every query of such a record is filtered to that partnership by one query filter, so a query that forgets
/// its <c>Where</c> cannot return another partnership's record. The explicit <c>Where</c>s stay: they say what the
/// query means, and work where no scope is set (commands, background mail, the demo loader act across partnerships).
/// </remarks>
public interface IPartnershipOwned
{
    Guid PartnershipId { get; }
}
