namespace Parallax.Bench;

/// <summary>
/// Figures over a partnership's whole history: PARALLAX_BENCH_HISTORY_AUDITS audits (default 500) of
/// 10 cases × 18 agencies × 44 questions, about 4 million answers. Target: under 2 s.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 7)]
[MinColumn, MaxColumn, MedianColumn]
public class HistoryBenchmarks : DatabaseBenchmark
{
    private Guid partnership;

    [GlobalSetup]
    public void Setup()
    {
        OpenDatabase();
        var audits = int.TryParse(Environment.GetEnvironmentVariable("PARALLAX_BENCH_HISTORY_AUDITS"), out var n) ? n : 500;
        var started = System.Diagnostics.Stopwatch.StartNew();
        partnership = HistoryData.CreateAsync(Services, DatabaseSettings.Create(Provider, Connection, Path.GetTempPath()), audits).GetAwaiter().GetResult();
        Console.WriteLine($"// History of {audits} audits generated in {started.Elapsed.TotalSeconds:N0} s");
    }

    [Benchmark(Description = "Partnership history (all audits)")]
    public async Task<int> History()
    {
        await using var scope = Services.CreateAsyncScope();
        var summaries = await scope.ServiceProvider.GetRequiredService<PartnershipHistory>().SummariesAsync(partnership);
        return summaries.Sum(s => s.Answers.Total);
    }
}
