using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Agencies;
using Parallax.Core.Data;
using Parallax.Web;

namespace Parallax.Features.Agencies;

public class IndexModel(ParallaxDbContext db) : PageModel
{
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var partnershipId = User.PartnershipId();
        Agencies = await db.Agencies.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId)
            .OrderBy(a => a.Name)
            .ToListAsync();
    }
}
