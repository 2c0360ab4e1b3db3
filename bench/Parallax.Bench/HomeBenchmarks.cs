namespace Parallax.Bench;

/// <summary>
/// Each role's home page served by the real host to a person of that role signed in through the form, over a
/// partnership with 100 audits and 10,000 returns (<see cref="HomeData"/>). Target: under 100 ms median,
/// both providers. The agency auditor is of agency A01 (500 returns, about 60 still open).
/// </summary>
[Config(typeof(InProcessConfig))]
[MinColumn, MaxColumn, MedianColumn]
public class HomeBenchmarks : DatabaseBenchmark
{
    private SignedInHost host = null!;
    private HttpClient admin = null!, auditor = null!, panel = null!, viewer = null!;

    [GlobalSetup]
    public void Setup()
    {
        OpenDatabase();
        var partnership = HomeData.CreateAsync(Services, DatabaseSettings.Create(Provider, Connection, Path.GetTempPath())).GetAwaiter().GetResult();
        host = SignedInHost.StartAsync(Services, Provider, Connection, partnership).GetAwaiter().GetResult();
        admin = host.BrowserForAsync(Services, partnership, "admin@homeshire.example", [Roles.Administrator], null).GetAwaiter().GetResult();
        auditor = host.BrowserForAsync(Services, partnership, "auditor@homeshire.example", [Roles.AgencyAuditor], HomeData.FirstAgency).GetAwaiter().GetResult();
        panel = host.BrowserForAsync(Services, partnership, "panel@homeshire.example", [Roles.PanelMember], null).GetAwaiter().GetResult();
        viewer = host.BrowserForAsync(Services, partnership, "viewer@homeshire.example", [Roles.Viewer], null).GetAwaiter().GetResult();
        host.RequireAsync("/", "Returns overdue").GetAwaiter().GetResult();
        SignedInHost.RequireAsync(admin, "/", "Users").GetAwaiter().GetResult();
        SignedInHost.RequireAsync(auditor, "/", "returns to complete").GetAwaiter().GetResult();
        SignedInHost.RequireAsync(panel, "/", "Home audit").GetAwaiter().GetResult();
        SignedInHost.RequireAsync(viewer, "/", "Latest final reports").GetAwaiter().GetResult();
    }

    public override void Cleanup()
    {
        foreach (var browser in new[] { admin, auditor, panel, viewer }) browser?.Dispose();
        host.Dispose();
        base.Cleanup();
    }

    [Benchmark(Description = "Home page, audit lead")]
    public Task<int> Lead() => host.GetAsync("/");

    [Benchmark(Description = "Home page, agency auditor")]
    public Task<int> Auditor() => SignedInHost.GetAsync(auditor, "/");

    [Benchmark(Description = "Home page, panel member")]
    public Task<int> Panel() => SignedInHost.GetAsync(panel, "/");

    [Benchmark(Description = "Home page, viewer")]
    public Task<int> Viewer() => SignedInHost.GetAsync(viewer, "/");

    [Benchmark(Description = "Home page, administrator")]
    public Task<int> Admin() => SignedInHost.GetAsync(admin, "/");
}
