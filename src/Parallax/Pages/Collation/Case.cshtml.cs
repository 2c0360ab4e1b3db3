using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parallax.Core.Analysis;
using Parallax.Web;

namespace Parallax.Pages.Collation;

/// <summary>
/// The compiled view of one case: each agency's answers side by side, divergence marked. Any signed-in user
/// may ask; the reading rule is applied to the loaded audit and case, and a refusal is "not found".
/// </summary>
public class CaseModel(CompiledCase compiled) : PageModel
{
    public CompiledCaseView View { get; private set; } = null!;

    public bool IsLead => User.IsInRole(Parallax.Core.Users.Roles.AuditLead) || User.IsInRole(Parallax.Core.Users.Roles.Administrator);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid caseId)
    {
        if (User.PartnershipId() is not { } partnershipId) return NotFound();
        var view = await compiled.LoadAsync(partnershipId, id, caseId);
        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (view is null || !compiled.CanRead(view, roles, User.AgencyId())) return NotFound();
        View = view;
        // Case data: never kept by a shared or back-button cache.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
