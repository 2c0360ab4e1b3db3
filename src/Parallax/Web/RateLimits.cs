using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;

namespace Parallax.Web;

/// <summary>
/// Rate limits on what can be guessed or abused: sign-in and two-factor codes (per client address) and file
/// uploads (per signed-in user). Only POSTs count; a request over the limit gets 429 and the error page's
/// "Too many requests" with a Retry-After. Limits are per minute, set by <c>Parallax:RateLimits:SignInPerMinute</c>
/// (default 300: a council's shared proxy must survive it; trusted proxies are configured so that the client's real address is
/// used, see ParallaxWebApp) and <c>Parallax:RateLimits:UploadsPerMinute</c> (default 20).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Uploads = "uploads";

    public const int DefaultSignInPerMinute = 300;

    /// <summary>Pages whose POSTs carry files.</summary>
    public static readonly string[] UploadPages = ["/AgencyReturns/Return", "/Audits/Sample/ImportCases", "/Audits/ImportPackage", "/Tools/Import", "/ActionPlan/MyActions/Action", "/Admin/Agencies/Import", "/Admin/Users/Import"];

    /// <summary>Forms anyone may post: sign-in, its code, and the one-time-link pages, limited per client address.</summary>
    public static readonly string[] AnonymousForms = ["/Account/SignIn", "/Account/TwoFactor", "/Account/SetUp", "/Account/Invitation", "/Account/ForgottenPassword", "/Account/ResetPassword", "/Account/RecoveryCode"];

    public static void AddParallaxRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        // Read when the limiter is first built, so configuration from every source (tests included) is seen.
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            // Per client address: a council's staff may all come through one proxy, so the default is high; the
            // per-account lockout (IdentitySetup) is what stops guessing one person's password.
            var signIn = configuration.GetValue("Parallax:RateLimits:SignInPerMinute", DefaultSignInPerMinute);
            var uploads = configuration.GetValue("Parallax:RateLimits:UploadsPerMinute", 20);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SignIn, context => Posts(context, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", signIn));
            options.AddPolicy(Uploads, context => Posts(context, context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown", uploads));
        });
    }

    /// <summary>Marks the sign-in, two-factor and upload pages with their policies.</summary>
    public static void AddRateLimitConventions(this Microsoft.AspNetCore.Mvc.ApplicationModels.PageConventionCollection conventions)
    {
        foreach (var page in AnonymousForms) conventions.AddPageApplicationModelConvention(page, m => Limit(m, SignIn));
        foreach (var page in UploadPages) conventions.AddPageApplicationModelConvention(page, m => Limit(m, Uploads));
    }

    private static void Limit(PageApplicationModel model, string policy) => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy));

    private static RateLimitPartition<string> Posts(HttpContext context, string key, int perMinute) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(string.Create(CultureInfo.InvariantCulture, $"get:{key}"));
}
