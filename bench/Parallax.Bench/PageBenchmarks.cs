using System.Net;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parallax.Core.Data;
using Parallax.Core.Users;
using Parallax.Web;

namespace Parallax.Bench;

/// <summary>
/// The analysis page of the 10 × 18 × 60 audit served by the real host (middleware, authentication, the
/// reading checks, Razor) to a lead signed in through the sign-in form, over the in-memory test server.
/// In process, because the host is started by <see cref="WebApplicationFactory{TEntryPoint}"/>. Target (issue 5): under 150 ms.
/// </summary>
[Config(typeof(Config))]
[MinColumn, MaxColumn, MedianColumn]
public partial class PageBenchmarks : DatabaseBenchmark
{
    private const string Lead = "lead@benchshire.example";
    private const string Password = "Bench-password-1234";
    private WebApplicationFactory<Program> host = null!;
    private HttpClient browser = null!;
    private string url = "";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var data = OpenStandardAudit();
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(data.Partnership, Lead, [Roles.AuditLead], null, Password);
            url = $"/audits/{data.Audit}/analysis";
        }

        host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DatabaseSettings.ProviderKey] = Provider,
                [DatabaseSettings.ConnectionStringKey] = Connection,
                [ParallaxServices.DemoOnFirstRunKey] = "false",
                [ChasingService.EnabledKey] = "false",
            }));
            builder.ConfigureLogging(logging => logging.ClearProviders());
        });
        browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await browser.GetStringAsync("/sign-in");
        var token = TokenPattern().Match(signIn).Groups[1].Value;
        var response = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Lead, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in answered {(int)response.StatusCode}.");
        var page = await browser.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK || !html.Contains("Q60", StringComparison.Ordinal))
            throw new InvalidOperationException($"The analysis page answered {(int)page.StatusCode} without the figures: nothing to measure.");
    }

    public override void Cleanup()
    {
        browser.Dispose();
        host.Dispose();
        base.Cleanup();
    }

    [Benchmark(Description = "Analysis page served (10 x 18 x 60)")]
    public async Task<int> AnalysisPage()
    {
        using var response = await browser.GetAsync(url);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Throughput).WithWarmupCount(3).WithIterationCount(15));
    }
}
