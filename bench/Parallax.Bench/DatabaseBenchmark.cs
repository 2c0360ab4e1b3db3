namespace Parallax.Bench;

/// <summary>
/// A benchmark on a new database of each provider: SQLite always, and PostgreSQL when
/// PARALLAX_BENCH_POSTGRES is set (scripts/bench sets it). The database is dropped with the SQLite folder
/// or left to the throwaway PostgreSQL cluster.
/// </summary>
public abstract class DatabaseBenchmark
{
    private string? sqliteFolder;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "sqlite";

    public static IEnumerable<string> Providers() =>
        Environment.GetEnvironmentVariable("PARALLAX_BENCH_POSTGRES") is { Length: > 0 } ? ["sqlite", "postgres"] : ["sqlite"];

    protected ServiceProvider Services { get; private set; } = null!;

    protected string Connection { get; private set; } = "";

    /// <summary>Creates the empty database and the services over it.</summary>
    protected void OpenDatabase()
    {
        (Connection, sqliteFolder) = AuditData.NewDatabase(Provider);
        Services = AuditData.Services(Provider, Connection);
    }

    /// <summary>The 10 cases × 18 agencies × 60 questions audit the collation and report targets are set for, in a new database.</summary>
    protected (Guid Partnership, Guid Audit, Guid FirstCase) OpenStandardAudit()
    {
        OpenDatabase();
        using var scope = Services.CreateScope();
        return AuditData.CreateAsync(scope.ServiceProvider, cases: 10, agencies: 18, questions: 60).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public virtual void Cleanup()
    {
        Services.Dispose();
        if (sqliteFolder is not null) Directory.Delete(sqliteFolder, recursive: true);
    }
}

/// <summary>A benchmark on the standard audit (<see cref="DatabaseBenchmark.OpenStandardAudit"/>), made once before its runs.</summary>
public abstract class StandardAuditBenchmark : DatabaseBenchmark
{
    protected (Guid Partnership, Guid Audit, Guid FirstCase) Data { get; private set; }

    [GlobalSetup]
    public void Setup() => Data = OpenStandardAudit();
}
