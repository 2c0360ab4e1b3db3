namespace Parallax.Features.ActionPlan.MyActions;

/// <summary>Everything the user's agency owes: its actions from every audit, most urgent first.</summary>
public class IndexModel(ActionPlans plans) : PageModel
{
    public IReadOnlyList<ActionRow> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await plans.RowsAsync(User.SignedInPartnershipId(), User.AgencyId());
}
