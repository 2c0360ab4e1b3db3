namespace Parallax.Features.Agencies;

/// <summary>The partnership's agencies: searched by name or code, sorted, paged in the database; retired ones behind a filter (decision 0043).</summary>
public class IndexModel(ParallaxDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true)] public bool Retired { get; set; }

    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "name";

    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public Paged<Agency> Agencies { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    public int RetiredCount { get; private set; }

    public async Task OnGetAsync()
    {
        var partnershipId = User.PartnershipId();
        var agencies = db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId);
        RetiredCount = await agencies.CountAsync(a => a.RetiredAt != null);
        if (!Retired) agencies = agencies.Where(a => a.RetiredAt == null);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var q = Search.Trim().ToLower();
            agencies = agencies.Where(a => a.Name.ToLower().Contains(q) || a.Code.ToLower().Contains(q));
        }

        Sort = Sort?.ToLowerInvariant() == "code" ? "code" : "name";
        agencies = (Sort, Desc) switch
        {
            ("code", false) => agencies.OrderBy(a => a.Code),
            ("code", true) => agencies.OrderByDescending(a => a.Code),
            (_, true) => agencies.OrderByDescending(a => a.Name),
            _ => agencies.OrderBy(a => a.Name),
        };
        Agencies = await agencies.PageAsync(PageNumber);
    }

    public string Link(int page) => Url.Page("/Agencies/Index", new { q = Search, Retired = Retired ? true : (bool?)null, Sort, Desc = Desc ? true : (bool?)null, p = page })!;

    public SortView Column(string label, string key) => new(label, key, Sort, Desc,
        (k, desc) => Url.Page("/Agencies/Index", new { q = Search, Retired = Retired ? true : (bool?)null, Sort = k, Desc = desc ? true : (bool?)null })!);
}
