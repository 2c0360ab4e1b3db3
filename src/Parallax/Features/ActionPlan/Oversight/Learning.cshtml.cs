namespace Parallax.Features.ActionPlan.Oversight;

/// <summary>Learning over time: each theme by year as a strength and as an area for improvement, its recommendations and actions, and the recurring flag.</summary>
public class LearningModel(LearningOverTime learning) : PageModel
{
    public IReadOnlyList<ThemeHistory> Themes { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public ReportChart? AreasChart { get; private set; }

    public async Task OnGetAsync()
    {
        Themes = await learning.ThemesAsync(User.SignedInPartnershipId());
        Years = [.. Themes.SelectMany(t => t.Years).Select(y => y.Year).Distinct().Order()];
        var withAreas = Themes.Where(t => t.Areas > 0).ToList();
        if (withAreas.Count > 0)
        {
            var bars = withAreas.Select(t => new ReportBar(t.Theme, t.Areas)).ToList();
            AreasChart = new ReportChart("Areas for improvement found, by theme, all years",
                "Bar chart of how many times audits found each theme an area for improvement: " + string.Join("; ", bars.Select(b => $"{b.Label} {b.Value}")) + ". The table below has the same figures by year.",
                "Findings", bars);
        }
    }
}
