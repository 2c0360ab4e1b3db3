using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace Parallax.Web;

/// <summary>
/// Records a security event when a signed-in user asks for a record by its id and the page answers 404. Pages load
/// the record within the user's partnership (and agency), then check it, so "not found" is how another
/// partnership's record is refused; recording it shows someone trying ids that are not theirs (ASVS V16.3.2).
/// </summary>
public sealed class RecordRefusalMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SecurityLog log)
    {
        await next(context);

        if (context.Response.StatusCode != StatusCodes.Status404NotFound) return;
        if (context.User.Identity?.IsAuthenticated != true) return;
        // The error page re-executed for the 404 passes through here too; the first pass recorded it.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null) return;
        if (context.GetEndpoint() is not RouteEndpoint endpoint || endpoint.RoutePattern.Parameters.Count == 0) return;

        var user = Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        await log.RecordAsync(context, SecurityEventKind.RecordRefused, userId: user);
    }
}
