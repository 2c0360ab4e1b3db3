namespace Parallax.Bench;

/// <summary>
/// The whole Word report of the 10 cases × 18 agencies × 60 questions audit, warm: the data loaded, the
/// report built, its charts drawn and the .docx written, in a fresh scope as a web request would.
/// Target: under 1 s warm. The cold figure, from the command line, is scripts/bench-report-cold.
/// </summary>
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 15)]
[MinColumn, MaxColumn, MedianColumn]
public class ReportBenchmarks : StandardAuditBenchmark
{
    [Benchmark(Description = "Word report (10 x 18 x 60)")]
    public async Task<int> Word()
    {
        await using var scope = Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ReportBuilder>().BuildAsync(Data.Partnership, Data.Audit);
        return ReportDocx.Write(report!).Length;
    }
}
