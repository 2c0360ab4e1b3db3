namespace Parallax.Web;

/// <summary>
/// Keeps every query of a signed-in request to the partnership the session acts in (<see cref="ParallaxDbContext.ScopeTo"/>):
/// the second guard behind each page's own scoping, so a query that forgets its <c>Where</c> cannot show another
/// partnership's record. Requests of people not signed in reach no partnership-owned record and stay unscoped.
/// </summary>
public sealed class PartnershipScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.PartnershipId() is { } partnership)
            context.RequestServices.GetRequiredService<ParallaxDbContext>().ScopeTo(partnership);
        await next(context);
    }
}
