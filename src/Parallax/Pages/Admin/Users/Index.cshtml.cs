using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Data;
using Parallax.Web;

namespace Parallax.Pages.Admin.Users;

public class IndexModel(ParallaxDbContext db, TimeProvider clock) : PageModel
{
    public sealed record UserRow(string Email, string? DisplayName, IReadOnlyList<string> Roles, string? Agency, bool TwoFactor, bool LockedOut);

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var partnershipId = User.PartnershipId();
        var now = clock.GetUtcNow();
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.PartnershipId == partnershipId)
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Email,
                u.DisplayName,
                Agency = u.Agency != null ? u.Agency.Name : null,
                u.TwoFactorEnabled,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            })
            .ToListAsync();
        Users = rows.Select(u => new UserRow(u.Email!, u.DisplayName, u.Roles, u.Agency, u.TwoFactorEnabled, u.LockoutEnd > now)).ToList();
    }
}
