using Npgsql;

namespace Parallax.Tests.Infrastructure;

/// <summary>
/// A real, empty database for one test class: a SQLite file in a temporary folder, or a new database on the
/// PostgreSQL server that scripts/test starts (PARALLAX_TEST_POSTGRES). No provider is ever skipped: without
/// that server the PostgreSQL tests fail, saying why.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public string ProviderName => Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";

    public DatabaseSettings Settings => DatabaseSettings.Create(ProviderName, ConnectionString, Path.GetTempPath());

    /// <summary>Makes the database unreachable, as when a file is deleted or a server database dropped.</summary>
    public abstract Task DestroyAsync();

    public abstract ValueTask DisposeAsync();

    public static TestDatabase Create(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? new SqliteTestDatabase() : PostgresTestDatabase.Create();

    /// <summary>The services the command line builds over this database, acting as <paramref name="actor"/>.</summary>
    public ServiceProvider CommandServices(AuditActor actor) => ParallaxServices.CommandServices(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = ProviderName,
            [DatabaseSettings.ConnectionStringKey] = ConnectionString,
        }).Build(),
        actor);
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string folder = Directory.CreateTempSubdirectory("parallax-test-").FullName;

    public string File => Path.Combine(folder, "parallax.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={File}";

    public override Task DestroyAsync()
    {
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    public const string ServerVariable = "PARALLAX_TEST_POSTGRES";

    private readonly string server;
    private readonly string name = $"parallax_test_{Guid.NewGuid():N}";

    private PostgresTestDatabase(string server)
    {
        this.server = server;
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
    }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set: run the tests with scripts/test, which starts a throwaway PostgreSQL server. PostgreSQL tests are never skipped.");

    public static PostgresTestDatabase Create() => new(ServerConnectionString);

    public string Name => name;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ToString();

    public override async Task DestroyAsync() => await DropAsync();

    public override async ValueTask DisposeAsync() => await DropAsync();

    private async Task DropAsync()
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
