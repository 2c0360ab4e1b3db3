using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Parallax.Web;

/// <summary>
/// Sign-in with the partnership's own identity provider over OpenID Connect (Microsoft Entra ID, or any provider
/// that follows the standard), switched on by settings alone. Authorization code flow with PKCE, the answer posted
/// back (form_post), the ID token's signature, issuer, audience and nonce checked against the provider's published
/// keys. The provider proves who someone is; Parallax still decides what they may do: only an account an
/// administrator created, matched by e-mail address and then bound to the provider's subject, can sign in.
/// </summary>
public static class OpenIdConnectSignIn
{
    public const string Scheme = "oidc";
    public const string SectionKey = "Parallax:OpenIdConnect";

    /// <summary>Where the provider posts its answer back; handled by the authentication middleware, not a page.</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>The claims that may carry the e-mail address, in order: Entra ID puts the sign-in name in preferred_username.</summary>
    private static readonly string[] DefaultEmailClaims = ["email", "preferred_username", "upn"];

    public sealed class Settings
    {
        /// <summary>The issuer, for example https://login.microsoftonline.com/{tenant id}/v2.0. Empty: the feature is off.</summary>
        public string? Authority { get; set; }

        public string? ClientId { get; set; }

        public string? ClientSecret { get; set; }

        /// <summary>What the button says after "Sign in with", for example "your Testshire Council account".</summary>
        public string DisplayName { get; set; } = "your organisation's account";

        public string[] EmailClaims { get; set; } = DefaultEmailClaims;

        /// <summary>Only ever false against a provider on this machine (tests, a local development provider).</summary>
        public bool RequireHttpsMetadata { get; set; } = true;

        public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
    }

    public static Settings Read(IConfiguration configuration) => configuration.GetSection(SectionKey).Get<Settings>() ?? new Settings();

    /// <summary>
    /// Registers the handler, and the scheme only when the settings name a provider (read when options are first
    /// built, so settings from any source apply). Without settings there is no scheme, no callback and no button.
    /// </summary>
    public static void AddParallaxOpenIdConnect(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddOptions<AuthenticationOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var settings = Read(configuration);
            if (settings.Enabled) options.AddScheme<OpenIdConnectHandler>(Scheme, settings.DisplayName);
        });
        services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IConfiguration>((options, configuration) =>
        {
            var settings = Read(configuration);
            if (!settings.Enabled) return;
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.ResponseMode = OpenIdConnectResponseMode.FormPost;
            options.UsePkce = true;
            options.CallbackPath = CallbackPath;
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" }) options.Scope.Add(scope);
            // Keep the token's own claim names (email, amr, sub): they are what the sign-in page reads.
            options.MapInboundClaims = false;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.Events.OnRemoteFailure = context =>
            {
                // A refused, tampered or expired answer: a sentence on the sign-in page, never an error page with detail.
                context.Response.Redirect(context.HttpContext.RequestServices.GetRequiredService<LinkGenerator>().GetPathByPage("/Account/SignIn", "ExternalFailed")!);
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>The e-mail address the provider vouched for, from the first claim the settings name that holds one.</summary>
    public static string? Email(ClaimsPrincipal principal, Settings settings) =>
        settings.EmailClaims.Select(principal.FindFirstValue).FirstOrDefault(v => v is not null && v.Contains('@'))?.Trim();

    /// <summary>Whether the provider says it used more than a password (Entra ID: "mfa" among the amr values).</summary>
    public static bool UsedMultiFactor(ClaimsPrincipal principal) =>
        principal.FindAll("amr").Any(c => c.Value == RequireTwoFactorMiddleware.MfaClaimValue);
}
