using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Parallax.Core.Reports;

namespace Parallax.Bench;

/// <summary>
/// The whole Word report of the 10 cases × 18 agencies × 60 questions audit, warm: the data loaded, the
/// report built, its charts drawn and the .docx written, in a fresh scope as a web request would.
/// Target (issue 6): under 1 s warm. The cold figure, from the command line, is scripts/bench-report-cold.
/// </summary>
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 15)]
[MinColumn, MaxColumn, MedianColumn]
public class ReportBenchmarks
{
    private ServiceProvider services = null!;
    private (Guid Partnership, Guid Audit, Guid FirstCase) data;
    private string? sqliteFolder;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "sqlite";

    public static IEnumerable<string> Providers() => AnalysisBenchmarks.Providers();

    [GlobalSetup]
    public void Setup()
    {
        string connection;
        (connection, sqliteFolder) = AuditData.NewDatabase(Provider);
        services = AuditData.Services(Provider, connection);
        using var scope = services.CreateScope();
        data = AuditData.CreateAsync(scope.ServiceProvider, cases: 10, agencies: 18, questions: 60).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        services.Dispose();
        if (sqliteFolder is not null) Directory.Delete(sqliteFolder, recursive: true);
    }

    [Benchmark(Description = "Word report (10 x 18 x 60)")]
    public async Task<int> Word()
    {
        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ReportBuilder>().BuildAsync(data.Partnership, data.Audit);
        return ReportDocx.Write(report!).Length;
    }
}
