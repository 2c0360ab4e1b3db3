namespace Parallax.Features.Audits;

/// <summary>The partnership's audits: searched, sorted and paged in the database; closed audits behind a filter (decision 0043).</summary>
public class IndexModel(AuditPlanner planner) : PageModel
{
    public sealed record AuditRow(Guid Id, string Title, string Theme, AuditStatus Status, string Tool, DateOnly ReturnsDueOn, DateOnly? PanelOn);

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true)] public bool Closed { get; set; }

    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "sent";

    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public Paged<AuditRow> Audits { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    public int ClosedCount { get; private set; }

    public async Task OnGetAsync()
    {
        var audits = planner.Audits(User.SignedInPartnershipId()).AsNoTracking();
        ClosedCount = await audits.CountAsync(a => a.Status == AuditStatus.Closed);
        if (!Closed) audits = audits.Where(a => a.Status != AuditStatus.Closed);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var q = Search.Trim().ToLower();
            audits = audits.Where(a => a.Title.ToLower().Contains(q) || a.Theme.ToLower().Contains(q));
        }

        // With no sort chosen, the newest first; each other column sorts ascending first.
        Sort = Sort?.ToLowerInvariant() switch { "title" or "stage" or "due" or "panel" => Sort.ToLowerInvariant(), _ => "sent" };
        var descending = Sort == "sent" ? !Desc : Desc;
        audits = (Sort, descending) switch
        {
            ("title", false) => audits.OrderBy(a => a.Title),
            ("title", true) => audits.OrderByDescending(a => a.Title),
            ("stage", false) => audits.OrderBy(a => a.Status).ThenBy(a => a.Title),
            ("stage", true) => audits.OrderByDescending(a => a.Status).ThenBy(a => a.Title),
            ("due", false) => audits.OrderBy(a => a.ReturnsDueOn).ThenBy(a => a.Title),
            ("due", true) => audits.OrderByDescending(a => a.ReturnsDueOn).ThenBy(a => a.Title),
            ("panel", false) => audits.OrderBy(a => a.PanelOn == null).ThenBy(a => a.PanelOn).ThenBy(a => a.Title),
            ("panel", true) => audits.OrderBy(a => a.PanelOn == null).ThenByDescending(a => a.PanelOn).ThenBy(a => a.Title),
            (_, true) => audits.OrderByDescending(a => a.RequestsSentOn).ThenBy(a => a.Title),
            _ => audits.OrderBy(a => a.RequestsSentOn).ThenBy(a => a.Title),
        };
        Audits = await audits.Select(a => new AuditRow(a.Id, a.Title, a.Theme, a.Status, a.ToolVersion!.Tool!.Name, a.ReturnsDueOn, a.PanelOn)).PageAsync(PageNumber);
    }

    public string Link(int page) => Url.Page("/Audits/Index", new { q = Search, Closed = Closed ? true : (bool?)null, Sort, Desc = Desc ? true : (bool?)null, p = page })!;

    public SortView Column(string label, string key) => new(label, key, Sort, Desc,
        (k, desc) => Url.Page("/Audits/Index", new { q = Search, Closed = Closed ? true : (bool?)null, Sort = k, Desc = desc ? true : (bool?)null })!);
}
