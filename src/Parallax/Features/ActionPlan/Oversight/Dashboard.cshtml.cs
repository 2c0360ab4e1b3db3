namespace Parallax.Features.ActionPlan.Oversight;

/// <summary>The executive dashboard: this year's audits, judgements and response rates over time, actions and recurring themes.</summary>
public class DashboardModel(ExecutiveDashboard dashboard, PageAccess access) : PageModel
{
    /// <summary>Those who may open an audit (leads, administrators) open it from its name; a viewer opens its final report, when there is one.</summary>
    public bool CanOpenAudits { get; private set; }

    public IReadOnlySet<Guid> FinalReports { get; private set; } = new HashSet<Guid>();

    public ExecutiveSummary Summary { get; private set; } = null!;

    /// <summary>Cases judged good or outstanding, as a percentage of cases judged, by year: the chart's figures (also in the table).</summary>
    public ReportChart? GoodOrBetter { get; private set; }

    public async Task OnGetAsync()
    {
        Summary = await dashboard.LoadAsync(User.SignedInPartnershipId());
        CanOpenAudits = await access.MayOpenAsync(User, "/Audits/Plan/Overview");
        FinalReports = Summary.FinalReports;
        if (Summary.JudgementsByYear.Count > 0)
        {
            var bars = Summary.JudgementsByYear.Select(y => new ReportBar($"{y.Key}",
                Parallax.Core.Returns.ReturnsDashboard.Percent(y.Value[Grade.Outstanding] + y.Value[Grade.Good], y.Value.Values.Sum()) ?? 0)).ToList();
            GoodOrBetter = new ReportChart("Cases judged good or outstanding (%)",
                "Bar chart of the percentage of audited cases judged good or outstanding, by year: " + string.Join("; ", bars.Select(b => $"{b.Label} {b.Value}%")) + ". The table below has the same figures.",
                "% of cases", bars, 100);
        }
    }
}
