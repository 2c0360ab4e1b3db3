using Parallax.Features.Shared;
namespace Parallax.Features.Home;

/// <summary>
/// The home page: for each of the signed-in person's roles, what needs them today (decision 0040), each count a
/// link to the list behind it, then the places that role works in. Nothing is shown that is not true today.
/// </summary>
public class IndexModel(ParallaxDbContext db, HomeAttention attention, UserManager<ParallaxUser> users, Places places) : PageModel
{
    /// <summary>How many of an agency's returns the home page lists before pointing to "My returns".</summary>
    public const int ReturnsShown = 10;

    public string PartnershipName { get; private set; } = "";

    public string? AgencyName { get; private set; }

    public IReadOnlyList<string> UserRoles { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public LeadAttention? Lead { get; private set; }

    public AgencyAttention? Agency { get; private set; }

    public IReadOnlyList<DueItem>? Actions { get; private set; }

    public IReadOnlyList<CasesToRead>? Panel { get; private set; }

    public ViewerAttention? Viewer { get; private set; }

    /// <summary>True when the person has no authenticator app yet: only then is setting one up offered.</summary>
    public bool OfferTwoFactor { get; private set; }

    /// <summary>The places this person works in: those whose pages they may open.</summary>
    public IReadOnlyList<(string Page, string Name)> Places { get; private set; } = [];

    public bool Has(string role) => UserRoles.Contains(role);

    public async Task OnGetAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        PartnershipName = await db.Partnerships.Where(p => p.Id == partnershipId).Select(p => p.Name).FirstOrDefaultAsync() ?? "";
        var agencyId = User.AgencyId();
        if (agencyId is not null)
            AgencyName = await db.Agencies.Where(a => a.Id == agencyId && a.PartnershipId == partnershipId).Select(a => a.Name).FirstOrDefaultAsync();
        UserRoles = Roles.All.Where(User.IsInRole).ToList();
        Today = attention.Today;
        if (Has(Roles.AuditLead)) Lead = await attention.LeadAsync(partnershipId);
        if (agencyId is { } agency)
        {
            if (Has(Roles.AgencyAuditor)) Agency = await attention.AgencyAsync(partnershipId, agency);
            if (Has(Roles.ActionOwner) || Has(Roles.AgencyAuditor)) Actions = await attention.ActionsAsync(partnershipId, agency);
        }

        if (Has(Roles.PanelMember)) Panel = await attention.PanelAsync(partnershipId);
        if (Has(Roles.Viewer)) Viewer = await attention.ViewerAsync(partnershipId);
        Places = await places.HomeAsync(User);
        OfferTwoFactor = await users.GetUserAsync(User) is { TwoFactorEnabled: false };
    }

    /// <summary>"due today", "due tomorrow", "due in 3 days", "1 day overdue", "4 days overdue".</summary>
    public string DaysLeft(DateOnly due)
    {
        var days = due.DayNumber - Today.DayNumber;
        return days switch
        {
            0 => "due today",
            1 => "due tomorrow",
            > 1 => $"due in {days} days",
            -1 => "1 day overdue",
            _ => $"{-days} days overdue",
        };
    }

    public bool IsOverdue(DateOnly due) => due < Today;

    public static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
