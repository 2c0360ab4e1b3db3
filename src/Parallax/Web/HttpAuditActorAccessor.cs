namespace Parallax.Web;

/// <summary>The signed-in user as the author of changes; "anonymous" for sign-in bookkeeping before anyone is signed in; "system" outside a request.</summary>
public sealed class HttpAuditActorAccessor(IHttpContextAccessor http) : IAuditActorAccessor
{
    public AuditActor Current
    {
        get
        {
            // No request at all: start-up work such as loading the demo.
            if (http.HttpContext is not { } context) return AuditActor.System;
            var user = context.User;
            if (user.Identity?.IsAuthenticated != true) return new AuditActor("anonymous", "not signed in");
            var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
            return new AuditActor(id, user.Identity.Name ?? id, user.PartnershipId());
        }
    }
}
