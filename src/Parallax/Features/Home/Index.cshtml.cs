using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Data;
using Parallax.Core.Users;
using Parallax.Web;

namespace Parallax.Features.Home;

/// <summary>The start page: what each of the signed-in user's roles can do here.</summary>
public class IndexModel(ParallaxDbContext db) : PageModel
{
    public string PartnershipName { get; private set; } = "";

    public string? AgencyName { get; private set; }

    public IReadOnlyList<string> UserRoles { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var partnershipId = User.PartnershipId();
        PartnershipName = await db.Partnerships.Where(p => p.Id == partnershipId).Select(p => p.Name).FirstOrDefaultAsync() ?? "";
        var agencyId = User.AgencyId();
        if (agencyId is not null)
            AgencyName = await db.Agencies.Where(a => a.Id == agencyId && a.PartnershipId == partnershipId).Select(a => a.Name).FirstOrDefaultAsync();
        UserRoles = Roles.All.Where(User.IsInRole).ToList();
    }
}
