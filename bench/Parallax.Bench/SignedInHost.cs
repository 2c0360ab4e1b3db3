using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Parallax.Web;

namespace Parallax.Bench;

/// <summary>
/// The real Parallax host over a benchmark database (in process, <see cref="WebApplicationFactory{TEntryPoint}"/>'s
/// in-memory server), and a browser signed in through the sign-in form as an audit lead of the partnership.
/// </summary>
public sealed partial class SignedInHost : IDisposable
{
    private const string Lead = "lead@benchshire.example";
    private const string Password = "Bench-password-1234";
    private readonly WebApplicationFactory<Program> host;

    private SignedInHost(WebApplicationFactory<Program> host, HttpClient browser)
    {
        this.host = host;
        Browser = browser;
    }

    public HttpClient Browser { get; }

    public static async Task<SignedInHost> StartAsync(IServiceProvider services, string provider, string connection, Guid partnershipId)
    {
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(partnershipId, Lead, [Roles.AuditLead], null, Password);
        var host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DatabaseSettings.ProviderKey] = provider,
                [DatabaseSettings.ConnectionStringKey] = connection,
                [ParallaxServices.DemoOnFirstRunKey] = "false",
                [ChasingService.EnabledKey] = "false",
            }));
            builder.ConfigureLogging(logging => logging.ClearProviders());
        });
        return new SignedInHost(host, await SignInAsync(host, Lead));
    }

    /// <summary>Another person of the partnership, with the given roles (and agency), signed in through the form in a browser of their own.</summary>
    public async Task<HttpClient> BrowserForAsync(IServiceProvider services, Guid partnershipId, string email, IReadOnlyCollection<string> roles, string? agencyCode)
    {
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(partnershipId, email, roles, agencyCode, Password);
        return await SignInAsync(host, email);
    }

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> host, string email)
    {
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = TokenPattern().Match(await browser.GetStringAsync("/sign-in")).Groups[1].Value;
        var response = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in answered {(int)response.StatusCode}.");
        return browser;
    }

    /// <summary>Checks the page answers 200 with the expected text in it, for the given browser.</summary>
    public static async Task RequireAsync(HttpClient browser, string url, string expected)
    {
        using var page = await browser.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK || !html.Contains(expected, StringComparison.Ordinal))
            throw new InvalidOperationException($"{url} answered {(int)page.StatusCode} without \"{expected}\": nothing to measure.");
    }

    public static async Task<int> GetAsync(HttpClient browser, string url)
    {
        using var response = await browser.GetAsync(url);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    /// <summary>Checks the page answers 200 with the expected text in it, so a redirect or an error page is never what gets measured.</summary>
    public async Task RequireAsync(string url, string expected)
    {
        using var page = await Browser.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK || !html.Contains(expected, StringComparison.Ordinal))
            throw new InvalidOperationException($"{url} answered {(int)page.StatusCode} without \"{expected}\": nothing to measure.");
    }

    public async Task<int> GetAsync(string url)
    {
        using var response = await Browser.GetAsync(url);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    public void Dispose()
    {
        Browser.Dispose();
        host.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
