namespace Parallax.Bench;

/// <summary>
/// The analysis of one audit of 10 cases × 18 agencies on a 60-question tool (10,800 answers), warm, on
/// SQLite and (when PARALLAX_BENCH_POSTGRES is set) PostgreSQL. Each operation opens a fresh scope and
/// DbContext, as a web request does. Target: under 50 ms.
/// </summary>
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 15)]
[MinColumn, MaxColumn, MedianColumn]
public class AnalysisBenchmarks : StandardAuditBenchmark
{
    [Benchmark(Description = "Audit figures (10 x 18 x 60)")]
    public async Task<int> Figures()
    {
        await using var scope = Services.CreateAsyncScope();
        var figures = await scope.ServiceProvider.GetRequiredService<AuditStatistics>().ComputeAsync(Data.Partnership, Data.Audit);
        return figures!.ToolWide.Total;
    }

    [Benchmark(Description = "Compiled returns of one case (18 agencies)")]
    public async Task<int> Collation()
    {
        await using var scope = Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<CaseCollation>().LoadAsync(Data.Partnership, Data.Audit, Data.FirstCase);
        return view!.Columns.Count;
    }
}
