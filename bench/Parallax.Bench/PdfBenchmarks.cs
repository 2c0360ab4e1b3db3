namespace Parallax.Bench;

/// <summary>
/// The PDF of the 10 cases × 18 agencies × 60 questions audit report, as a download makes it: the report built,
/// written as Word for conversion, and converted by LibreOffice, kept warm (decision 0048) or started cold for
/// each conversion. Targets: warm under 1.5 s median. A short job: LibreOffice is heavy and the
/// machine is shared. scripts/bench --filter '*Pdf*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 7)]
[MinColumn, MaxColumn, MedianColumn]
public class PdfBenchmarks : DatabaseBenchmark
{
    private (Guid Partnership, Guid Audit, Guid FirstCase) data;
    private PdfConverter warm = null!;
    private PdfConverter cold = null!;

    [GlobalSetup]
    public void Setup()
    {
        data = OpenStandardAudit();
        warm = new PdfConverter(new ConfigurationBuilder().Build());
        cold = new PdfConverter(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PdfConverter.WarmKey] = "false" }).Build());
    }

    private async Task<int> PdfAsync(PdfConverter converter)
    {
        await using var scope = Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ReportBuilder>().BuildAsync(data.Partnership, data.Audit);
        return (await converter.ToPdfAsync(ReportDocx.Write(report!, forConversion: true))).Length;
    }

    [Benchmark(Description = "PDF report (10 x 18 x 60), LibreOffice kept warm")]
    public Task<int> Warm() => PdfAsync(warm);

    [Benchmark(Description = "PDF report (10 x 18 x 60), LibreOffice started per conversion (cold)")]
    public Task<int> Cold() => PdfAsync(cold);

    public override void Cleanup()
    {
        warm.Dispose();
        cold.Dispose();
        base.Cleanup();
    }
}
