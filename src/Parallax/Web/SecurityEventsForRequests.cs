namespace Parallax.Web;

/// <summary>Records a security event for the current request: its path and the caller's address, as every sign-in page and refusal does.</summary>
public static class SecurityEventsForRequests
{
    public static Task RecordAsync(this SecurityLog log, HttpContext context, SecurityEventKind kind, string? email = null, Guid? userId = null) =>
        log.RecordAsync(kind, email, userId, context.Request.Path + context.Request.QueryString, context.Connection.RemoteIpAddress?.ToString(),
            partnershipId: context.User.Identity?.IsAuthenticated == true ? context.User.PartnershipId() : null);
}
