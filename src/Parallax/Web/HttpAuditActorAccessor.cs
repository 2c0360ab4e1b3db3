using System.Security.Claims;
using Parallax.Core.AuditTrail;

namespace Parallax.Web;

/// <summary>The signed-in user as the author of changes; "anonymous" for sign-in bookkeeping before anyone is signed in.</summary>
public sealed class HttpAuditActorAccessor(IHttpContextAccessor http) : IAuditActorAccessor
{
    public AuditActor Current
    {
        get
        {
            var user = http.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true) return new AuditActor("anonymous", "not signed in");
            var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
            return new AuditActor(id, user.Identity.Name ?? id, user.PartnershipId());
        }
    }
}
