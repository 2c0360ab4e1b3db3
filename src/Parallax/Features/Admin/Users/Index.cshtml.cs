using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Agencies;
using Parallax.Core.Users;
using Parallax.Web;

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

    public IReadOnlyList<PersonRow> Users { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public IReadOnlyDictionary<AccountStatus, int> Counts { get; private set; } = new Dictionary<AccountStatus, int>();

    public async Task OnGetAsync()
    {
        var partnershipId = User.PartnershipId()!.Value;
        Agencies = await agencies.Of(partnershipId).AsNoTracking().OrderBy(a => a.Name).ToListAsync();
        var all = await people.ListAsync(partnershipId);
        Counts = all.GroupBy(u => u.Status).ToDictionary(g => g.Key, g => g.Count());
        var search = Search?.Trim();
        var filtered = all
            .Where(u => search is not { Length: > 0 } || u.Email.Contains(search, StringComparison.OrdinalIgnoreCase) || (u.DisplayName?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false))
            .Where(u => Status is null || u.Status == Status)
            .Where(u => Roles.Normalise(Role ?? "") is not { } role || u.Roles.Contains(role))
            .Where(u => string.IsNullOrEmpty(Agency) || string.Equals(u.AgencyCode, Agency, StringComparison.OrdinalIgnoreCase))
            .ToList();
        Total = filtered.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Users = filtered.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
    }

    public string PageUrl(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["Search"] = Search, ["Status"] = Status?.ToString(), ["Role"] = Role, ["Agency"] = Agency, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public static string Tag(AccountStatus status) => status switch
    {
        AccountStatus.Active => "govuk-tag--green",
        AccountStatus.Invited => "govuk-tag--blue",
        AccountStatus.Locked => "govuk-tag--orange",
        _ => "govuk-tag--grey",
    };
}
