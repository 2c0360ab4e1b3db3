using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Analysis;
using Parallax.Core.Audits;
using Parallax.Core.Cases;
using Parallax.Core.Data;
using Parallax.Core.Users;
using Parallax.Web;

namespace Parallax.Features.Audits.Panel;

/// <summary>For panel members: the audits with returns in and the cases whose compiled returns they may read now.</summary>
public class MyCasesModel(ParallaxDbContext db, CompiledCase compiled) : PageModel
{
    public sealed record PanelAudit(Audit Audit, IReadOnlyList<(Case Case, bool Readable)> Cases);

    public IReadOnlyList<PanelAudit> Audits { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var partnershipId = User.PartnershipId()!.Value;
        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var audits = await db.Audits.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId && a.Status != AuditStatus.Planning && a.Status != AuditStatus.Closed)
            .OrderBy(a => a.ReturnsDueOn).ToListAsync();
        var list = new List<PanelAudit>();
        foreach (var audit in audits)
        {
            var cases = await db.Cases.AsNoTracking().Where(c => db.AuditCases.Any(ac => ac.AuditId == audit.Id && ac.CaseId == c.Id)).OrderBy(c => c.Uin).ToListAsync();
            var rows = new List<(Case, bool)>();
            foreach (var c in cases)
            {
                var view = await compiled.LoadAsync(partnershipId, audit.Id, c.Id);
                rows.Add((c, view is not null && compiled.CanRead(view, roles, User.AgencyId())));
            }

            list.Add(new PanelAudit(audit, rows));
        }

        Audits = list;
    }
}
