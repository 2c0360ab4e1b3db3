namespace Parallax.Web;

/// <summary>What the action detail partial shows: the action as the plan lists it, its updates, and the page its evidence files download from.</summary>
public sealed record ActionDetailView(ActionRow Row, IReadOnlyList<ActionUpdate> Updates, string FileUrl);
