namespace Parallax.Features.ActionPlan;

/// <summary>What the action detail partial shows: the action as the plan lists it, its updates, and the link an evidence file downloads from.</summary>
public sealed record ActionDetailView(ActionRow Row, IReadOnlyList<ActionUpdate> Updates, Func<Guid, string?> FileLink);
