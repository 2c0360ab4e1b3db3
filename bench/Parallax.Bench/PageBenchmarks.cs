using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Parallax.Bench;

/// <summary>
/// The analysis page of the 10 × 18 × 60 audit served by the real host (middleware, authentication, the
/// reading checks, Razor) to a lead signed in through the sign-in form, over the in-memory test server.
/// In process, because the host is started by <see cref="WebApplicationFactory{TEntryPoint}"/>. Target: under 150 ms.
/// </summary>
[Config(typeof(InProcessConfig))]
[MinColumn, MaxColumn, MedianColumn]
public class PageBenchmarks : DatabaseBenchmark
{
    private SignedInHost host = null!;
    private string url = "";

    [GlobalSetup]
    public void Setup()
    {
        var data = OpenStandardAudit();
        url = $"/audits/{data.Audit}/analysis";
        host = SignedInHost.StartAsync(Services, Provider, Connection, data.Partnership).GetAwaiter().GetResult();
        host.RequireAsync(url, "Q60").GetAwaiter().GetResult();
    }

    public override void Cleanup()
    {
        host.Dispose();
        base.Cleanup();
    }

    [Benchmark(Description = "Analysis page served (10 x 18 x 60)")]
    public Task<int> AnalysisPage() => host.GetAsync(url);
}

/// <summary>Benchmarks that start the web host in process: 3 warm-up and 15 measured iterations.</summary>
public sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Throughput).WithWarmupCount(3).WithIterationCount(15));
}
