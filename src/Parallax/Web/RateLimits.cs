using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Parallax.Web;

/// <summary>
/// Rate limits on what can be guessed: sign-in and two-factor codes (per client address). Only POSTs count; a
/// request over the limit gets 429 and the error page's "Too many requests" with a Retry-After. The limit is per
/// minute, set by <c>Parallax:RateLimits:SignInPerMinute</c> (default 300: a council's shared proxy must survive
/// it; trusted proxies are configured so that the client's real address is used, see ParallaxWebApp). Uploads are
/// limited per person by <see cref="UploadLimitFilter"/>, which counts only POSTs that carry a file.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public const int DefaultSignInPerMinute = 300;

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
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SignIn, context => Posts(context, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", signIn));
        });
    }

    /// <summary>Marks the sign-in, two-factor and one-time-link pages with their policy.</summary>
    public static void AddRateLimitConventions(this Microsoft.AspNetCore.Mvc.ApplicationModels.PageConventionCollection conventions)
    {
        foreach (var page in AnonymousForms) conventions.AddPageApplicationModelConvention(page, m => Limit(m, SignIn));
    }

    private static void Limit(PageApplicationModel model, string policy) => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy));

    private static RateLimitPartition<string> Posts(HttpContext context, string key, int perMinute) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(string.Create(CultureInfo.InvariantCulture, $"get:{key}"));
}
