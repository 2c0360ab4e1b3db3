namespace Parallax.Features.Admin.Agencies;

/// <summary>
/// The partnership's agencies for the administrator: add, import, correct, retire and reinstate. Searched by name or code,
/// sorted and paged in the database; active agencies before retired ones unless sorted otherwise.
/// </summary>
public class IndexModel(ParallaxDbContext db, AgencyRegister register) : PageModel
{
    public sealed record Row(Agency Agency, int ActiveAuditors);

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "name";

    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public Paged<Row> Agencies { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    public int ActiveCount { get; private set; }

    public int RetiredCount { get; private set; }

    private static readonly string[] SortKeys = ["name", "code", "status"];

    public async Task OnGetAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        var all = register.Of(partnershipId).AsNoTracking();
        RetiredCount = await all.CountAsync(a => a.RetiredAt != null);
        ActiveCount = await all.CountAsync(a => a.RetiredAt == null);
        var agencies = all;
        if (Search?.Trim().ToLowerInvariant() is { Length: > 0 } q)
            agencies = agencies.Where(a => a.Name.ToLower().Contains(q) || a.Code.ToLower().Contains(q));
        Sort = SortKeys.FirstOrDefault(k => string.Equals(k, Sort, StringComparison.OrdinalIgnoreCase)) ?? "name";
        var ordered = (Sort, Desc) switch
        {
            ("code", false) => agencies.OrderBy(a => a.Code),
            ("code", true) => agencies.OrderByDescending(a => a.Code),
            ("status", false) => agencies.OrderBy(a => a.RetiredAt != null).ThenBy(a => a.Name),
            ("status", true) => agencies.OrderByDescending(a => a.RetiredAt != null).ThenBy(a => a.Name),
            ("name", true) => agencies.OrderBy(a => a.RetiredAt != null).ThenByDescending(a => a.Name),
            _ => agencies.OrderBy(a => a.RetiredAt != null).ThenBy(a => a.Name),
        };
        var page = await ordered.ThenBy(a => a.Id).PageAsync(PageNumber);
        var ids = page.Items.Select(a => a.Id).ToList();
        var auditors = await db.MembersInRoles(partnershipId, Roles.AgencyAuditor)
            .Where(m => m.AgencyId != null && ids.Contains(m.AgencyId.Value) && !m.User!.InvitationPending)
            .GroupBy(m => m.AgencyId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Agencies = new Paged<Row>([.. page.Items.Select(a => new Row(a, auditors.FirstOrDefault(x => x.Key == a.Id)?.Count ?? 0))], page.Number, page.Size, page.Total);
    }

    private string Query(string sort, bool desc, int? page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search, ["Sort"] = sort == "name" ? null : sort, ["Desc"] = desc ? "true" : null,
        ["p"] = page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public string Link(int page) => Url.Page("/Admin/Agencies/Index") + Query(Sort, Desc, page);

    public SortView Column(string label, string key) => new(label, key, Sort, Desc, (k, desc) => Url.Page("/Admin/Agencies/Index") + Query(k, desc, null));
}
