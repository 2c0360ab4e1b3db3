using System.Security.Cryptography;

namespace Parallax.Web;

/// <summary>
/// Security headers on every response, and a per-request nonce for the one inline script the GOV.UK
/// template needs, so the Content-Security-Policy can forbid all other inline script.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string NonceKey = "csp-nonce";

    public Task InvokeAsync(HttpContext context)
    {
        // An error or status-code page re-executes the pipeline for the same response: the first pass's nonce and
        // headers stand, or the page would carry a new nonce under the header's old one and its script be blocked.
        if (context.Items.ContainsKey(NonceKey)) return next(context);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
                "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";

            // Pages may show case data: never keep them in a shared or browser cache. Static assets may be cached.
            if (!IsStaticAsset(context.Request.Path)) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/assets") || path.StartsWithSegments("/govuk") ||
        path.StartsWithSegments("/css") || path.StartsWithSegments("/js");
}

public static class CspNonce
{
    public static string Get(HttpContext context) => context.Items[SecurityHeadersMiddleware.NonceKey] as string ?? "";
}
