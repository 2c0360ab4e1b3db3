using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Parallax.Tests.Infrastructure;

/// <summary>
/// A small OpenID Connect provider on loopback, standing in for Microsoft Entra ID in tests: discovery, published
/// signing keys, an authorization endpoint that answers by form_post for whoever the test says is signed in there,
/// and a token endpoint that checks the client secret, the redirect address and the PKCE verifier before issuing
/// an RS256-signed ID token. It can be told to sign with a key it never published, as a forger would.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    public const string ClientId = "parallax-test-client";
    public const string ClientSecret = "test-client-secret-8c1f";

    private readonly RsaSecurityKey published = new(RSA.Create(2048)) { KeyId = "published-key" };
    private readonly RsaSecurityKey unpublished = new(RSA.Create(2048)) { KeyId = "published-key" };
    private readonly ConcurrentDictionary<string, Grant> grants = new();
    private WebApplication app = null!;

    private sealed record Grant(string ClientId, string RedirectUri, string? Nonce, string? CodeChallenge, Person Person);

    /// <summary>Who is signed in at the provider: the subject (Entra's object id), the e-mail address, and the methods used.</summary>
    public sealed record Person(string Subject, string Email, params string[] Methods);

    public Person SignedIn { get; set; } = new("subject-1", "someone@testshire.example", "pwd", "mfa");

    /// <summary>Signs the next tokens with a key absent from the published set.</summary>
    public bool Forge { get; set; }

    public string Authority { get; private set; } = "";

    public static async Task<OidcTestProvider> StartAsync()
    {
        var provider = new OidcTestProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        provider.app = builder.Build();
        provider.Map(provider.app);
        await provider.app.StartAsync();
        var address = provider.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Authority = address.TrimEnd('/');
        return provider;
    }

    private void Map(WebApplication web)
    {
        web.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token",
            ["jwks_uri"] = Authority + "/keys",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post" },
        }));

        web.MapGet("/keys", () =>
        {
            var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(published.Rsa.ExportParameters(false)) { KeyId = published.KeyId });
            return Results.Json(new { keys = new[] { new { kty = key.Kty, use = "sig", kid = key.Kid, alg = "RS256", n = key.N, e = key.E } } });
        });

        web.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256")
                return Results.BadRequest("unsupported request");
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            grants[code] = new Grant(ClientId, query["redirect_uri"]!, query["nonce"], query["code_challenge"], SignedIn);
            // form_post: a page that posts the code and state back to the client, as Entra ID's does.
            var html = $"""
                <html><body onload="document.forms[0].submit()"><form method="post" action="{WebUtility.HtmlEncode(query["redirect_uri"])}">
                <input type="hidden" name="code" value="{code}"><input type="hidden" name="state" value="{WebUtility.HtmlEncode(query["state"])}">
                </form></body></html>
                """;
            return Results.Content(html, "text/html");
        });

        web.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret) return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            if (form["grant_type"] != "authorization_code" || !grants.TryRemove(form["code"].ToString(), out var grant)) return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
            if (grant.RedirectUri != form["redirect_uri"] || grant.CodeChallenge != challenge) return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            return Results.Json(new { access_token = "opaque-access-token", token_type = "Bearer", expires_in = 3600, id_token = IdToken(grant) });
        });
    }

    private string IdToken(Grant grant)
    {
        var claims = new List<Claim> { new("sub", grant.Person.Subject), new("email", grant.Person.Email), new("preferred_username", grant.Person.Email) };
        claims.AddRange(grant.Person.Methods.Select(m => new Claim("amr", m)));
        if (grant.Nonce is not null) claims.Add(new Claim("nonce", grant.Nonce));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = grant.ClientId,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(Forge ? unpublished : published, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
