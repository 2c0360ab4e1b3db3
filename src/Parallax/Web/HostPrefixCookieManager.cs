using Microsoft.AspNetCore.Authentication.Cookies;

namespace Parallax.Web;

/// <summary>
/// The session cookie is <c>__Host-parallax-session</c> on HTTPS: the prefix makes the browser refuse it
/// unless it is Secure, has Path=/ and no Domain, so no other site or subdomain can set or shadow it (ASVS
/// V3.3). Over plain HTTP (a developer's machine, loopback tests) browsers would refuse a prefixed cookie
/// that cannot be Secure, so the cookie keeps its plain name there.
/// </summary>
public sealed class HostPrefixCookieManager : ICookieManager
{
    public const string Prefix = "__Host-";

    private readonly ChunkingCookieManager inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        inner.AppendResponseCookie(context, Name(context, key), value, options);
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
    {
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        inner.DeleteCookie(context, Name(context, key), options);
    }

    private static string Name(HttpContext context, string key) => context.Request.IsHttps ? Prefix + key : key;
}
