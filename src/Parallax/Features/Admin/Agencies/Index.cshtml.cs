using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Agencies;
using Parallax.Core.Data;
using Parallax.Core.Users;
using Parallax.Web;

namespace Parallax.Features.Admin.Agencies;

/// <summary>The partnership's agencies for the administrator: add, import, correct, retire and reinstate.</summary>
public class IndexModel(ParallaxDbContext db, AgencyRegister register) : PageModel
{
    public sealed record Row(Agency Agency, int ActiveAuditors);

    public IReadOnlyList<Row> Agencies { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var partnershipId = User.PartnershipId()!.Value;
        var agencies = await register.Of(partnershipId).AsNoTracking().OrderBy(a => a.RetiredAt != null).ThenBy(a => a.Name).ToListAsync();
        var auditors = await db.MembersInRoles(partnershipId, Roles.AgencyAuditor)
            .Where(m => m.AgencyId != null && !m.User!.InvitationPending)
            .GroupBy(m => m.AgencyId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Agencies = agencies.Select(a => new Row(a, auditors.FirstOrDefault(x => x.Key == a.Id)?.Count ?? 0)).ToList();
    }
}
