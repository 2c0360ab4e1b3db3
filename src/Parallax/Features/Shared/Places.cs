using System.Security.Claims;

namespace Parallax.Features.Shared;

/// <summary>
/// The places people work in, in one list for the navigation and the home page's "Where you work". A place is shown
/// to whoever may open its page (<see cref="PageAccess"/>), so no role is named here; where two places share a
/// name ("Reviews": the leads' practice reviews, or those opened to a reader), the first one the person may open is
/// shown.
/// </summary>
public sealed class Places(PageAccess access)
{
    /// <param name="Page">The page the link opens.</param>
    /// <param name="Navigation">Its name in the navigation; null where it is not there.</param>
    /// <param name="Home">Its name on the home page; null where it is not there.</param>
    public sealed record Place(string Page, string? Navigation, string? Home);

    public static readonly IReadOnlyList<Place> All =
    [
        new("/Home/Index", "Home", null),
        new("/Audits/Index", "Audits", "Audits"),
        new("/Tools/Index", "Audit tools", "Audit tools"),
        new("/Reviews/Open/Index", "Reviews", "Practice reviews"),
        new("/Audits/Panel/MyCases", "Panel", "Panel"),
        new("/ReviewReading/Index", "Reviews", "Practice reviews"),
        new("/AgencyReturns/Index", "My returns", "My returns"),
        new("/AgencyChronologies/Index", "Chronologies", "Chronologies"),
        new("/ActionPlan/MyActions/Index", "My actions", "My agency's actions"),
        new("/ActionPlan/Oversight/Reports", null, "Final reports"),
        new("/ActionPlan/Oversight/Dashboard", "Dashboard", "Executive dashboard"),
        new("/ActionPlan/Actions/Index", "Action plan", "Action plan"),
        new("/ActionPlan/Oversight/Learning", "Learning", "Learning"),
        new("/Admin/Agencies/Index", null, "Agencies"),
        new("/Agencies/Index", "Agencies", "Agencies"),
        new("/Admin/Users/Index", "Users", "Users"),
        new("/Admin/AuditTrail/Index", "Audit trail", "Audit trail"),
        new("/Admin/Mail/Index", "Mail", null),
        new("/Admin/Settings/Index", "Settings", "Partnership settings"),
    ];

    /// <summary>The navigation's links for this person: page and name.</summary>
    public Task<IReadOnlyList<(string Page, string Name)>> NavigationAsync(ClaimsPrincipal user) => OpenAsync(user, p => p.Navigation);

    /// <summary>The home page's list for this person: page and name.</summary>
    public Task<IReadOnlyList<(string Page, string Name)>> HomeAsync(ClaimsPrincipal user) => OpenAsync(user, p => p.Home);

    private async Task<IReadOnlyList<(string Page, string Name)>> OpenAsync(ClaimsPrincipal user, Func<Place, string?> nameIn)
    {
        var shown = new List<(string Page, string Name)>();
        foreach (var place in All)
        {
            if (nameIn(place) is not { } name || shown.Exists(s => s.Name == name)) continue;
            if (await access.MayOpenAsync(user, place.Page)) shown.Add((place.Page, name));
        }

        return shown;
    }
}
