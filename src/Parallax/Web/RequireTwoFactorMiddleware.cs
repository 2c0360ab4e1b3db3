namespace Parallax.Web;

/// <summary>
/// Where the partnership makes two-factor sign-in mandatory, a user signed in with a password alone
/// can reach only the page that sets up an authenticator app (and sign-out) until they have done so.
/// </summary>
public sealed class RequireTwoFactorMiddleware(RequestDelegate next)
{
    /// <summary>The set-up page's path, to let its requests through (links to it are made from its page name).</summary>
    public const string SetUpPath = "/account/two-factor/set-up";
    public const string MfaClaimValue = "mfa";

    /// <summary>
    /// Pages that need nothing from the database and must work when it is out of reach: the error page (also when
    /// re-executed for a failure) and the accessibility statement.
    /// </summary>
    public static bool NeedsNoDatabase(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments("/accessibility", StringComparison.OrdinalIgnoreCase)
        || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;

    public async Task InvokeAsync(HttpContext context, ParallaxDbContext db, LinkGenerator links)
    {
        var user = context.User;
        // Read with this request's session check where it ran (one query for both); asked of the database where not.
        var rules = context.Items[SessionCheck.RulesKey] as SessionCheck.SignInRules;
        // Where the partnership signs in only at its identity provider, a session made with a password (not an
        // administrator's) ends at its next request (decision 0033).
        if (user.Identity?.IsAuthenticated == true
            && !NeedsNoDatabase(context)
            && !user.HasClaim("idp", OpenIdConnectSignIn.Scheme)
            && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var providerUser)
            && (rules?.ProviderOnly ?? await db.SignsInAtProviderOnlyAsync(providerUser)))
        {
            await context.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            context.Response.Redirect(links.GetPathByPage("/Account/SignIn")!);
            return;
        }

        if (user.Identity?.IsAuthenticated == true
            && !NeedsNoDatabase(context)
            && !user.HasClaim("amr", MfaClaimValue)
            && !context.Request.Path.StartsWithSegments(SetUpPath, StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/sign-out", StringComparison.OrdinalIgnoreCase)
            && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            // Two-factor protects the account, so any of the person's active partnerships requiring it requires it (decision 0034).
            && (rules?.TwoFactor ?? await db.Memberships.AnyAsync(m => m.UserId == userId && m.DeactivatedAt == null && m.Partnership!.RequireTwoFactor)))
        {
            context.Response.Redirect(links.GetPathByPage("/Account/SetUpTwoFactor")!);
            return;
        }

        await next(context);
    }
}
