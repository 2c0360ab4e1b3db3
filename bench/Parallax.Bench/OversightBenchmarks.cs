namespace Parallax.Bench;

/// <summary>
/// The partnership-wide action plan, learning over time and the executive dashboard, served by the real
/// host over 500 audits and 5,000 actions (<see cref="ActionData"/>). Target: under 300 ms.
/// </summary>
[Config(typeof(InProcessConfig))]
[MinColumn, MaxColumn, MedianColumn]
public class OversightBenchmarks : DatabaseBenchmark
{
    private SignedInHost host = null!;

    [GlobalSetup]
    public void Setup()
    {
        OpenDatabase();
        var partnership = ActionData.CreateAsync(Services, DatabaseSettings.Create(Provider, Connection, Path.GetTempPath()), audits: 500).GetAwaiter().GetResult();
        host = SignedInHost.StartAsync(Services, Provider, Connection, partnership).GetAwaiter().GetResult();
        host.RequireAsync("/actions", "Action audit 500").GetAwaiter().GetResult();
        host.RequireAsync("/learning", "Recurring").GetAwaiter().GetResult();
        host.RequireAsync("/dashboard", "open actions").GetAwaiter().GetResult();
    }

    public override void Cleanup()
    {
        host.Dispose();
        base.Cleanup();
    }

    [Benchmark(Description = "Action plan page, 5,000 actions")]
    public Task<int> ActionPlan() => host.GetAsync("/actions");

    [Benchmark(Description = "Learning over time page, 500 audits")]
    public Task<int> Learning() => host.GetAsync("/learning");

    [Benchmark(Description = "Executive dashboard, 500 audits")]
    public Task<int> Dashboard() => host.GetAsync("/dashboard");
}
