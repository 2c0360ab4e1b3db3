namespace Parallax.Features.Admin.Users;

/// <summary>The partnership's people: status (invited, active, locked, deactivated) and last sign-in, filtered and paged.</summary>
public class IndexModel(People people, AgencyRegister agencies) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    [BindProperty(SupportsGet = true)] public AccountStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)] public string? Role { get; set; }

    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "email";

    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }

    public IReadOnlyList<PersonRow> Users { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public IReadOnlyDictionary<AccountStatus, int> Counts { get; private set; } = new Dictionary<AccountStatus, int>();

    public async Task OnGetAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        Agencies = await agencies.Of(partnershipId).AsNoTracking().OrderBy(a => a.Name).ToListAsync();
        Sort = People.SortKeys.FirstOrDefault(k => string.Equals(k, Sort, StringComparison.OrdinalIgnoreCase)) ?? "email";
        var page = await people.PageAsync(partnershipId, new PeopleQuery(Search, Status, Role, Agency, Sort, Desc, PageNumber, PageSize));
        (Users, Total, PageNumber, Counts) = (page.Rows, page.Total, page.Page, page.Counts);
    }

    public string PageUrl(int page) => Query(Sort, Desc, page);

    private string Query(string sort, bool desc, int? page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["Search"] = Search, ["Status"] = Status?.ToString(), ["Role"] = Role, ["Agency"] = Agency,
        ["Sort"] = sort == "email" ? null : sort, ["Desc"] = desc ? "true" : null,
        ["p"] = page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    /// <summary>A sortable column's header: sorting starts again from the first page, keeping the search and filters.</summary>
    public SortView Column(string label, string key) => new(label, key, Sort, Desc, (k, desc) => Url.Page("/Admin/Users/Index") + Query(k, desc, null));

    public static string Tag(AccountStatus status) => status switch
    {
        AccountStatus.Active => "govuk-tag--green",
        AccountStatus.Invited => "govuk-tag--blue",
        AccountStatus.Locked => "govuk-tag--orange",
        _ => "govuk-tag--grey",
    };
}
