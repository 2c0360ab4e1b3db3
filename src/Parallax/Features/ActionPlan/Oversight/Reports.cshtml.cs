namespace Parallax.Features.ActionPlan.Oversight;

/// <summary>The partnership's final audit reports, newest first: what a viewer reads (decision 0042). Read-only.</summary>
public class ReportsModel(HomeAttention attention) : PageModel
{
    public IReadOnlyList<FinalReport> Reports { get; private set; } = [];

    public async Task OnGetAsync() => Reports = await attention.ViewerAsync(User.SignedInPartnershipId(), int.MaxValue) is { } v ? v.Reports : [];
}
