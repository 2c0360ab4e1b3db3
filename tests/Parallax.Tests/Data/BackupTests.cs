namespace Parallax.Tests.Data;

/// <summary>
/// The restore drill: back up a database with data and a sealed audit trail through the
/// command line, restore it into a new, empty database, and compare every table's row count and the audit
/// chain's head. SQLite uses the online backup API; PostgreSQL pg_dump and pg_restore.
/// </summary>
public abstract class BackupTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly TestDatabase original = TestDatabase.Create(provider);
    private readonly TestDatabase restored = TestDatabase.Create(provider);
    private readonly string folder = Directory.CreateTempSubdirectory("parallax-backup-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await original.DisposeAsync();
        await restored.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static string[] On(TestDatabase database) => ["--provider", database.ProviderName, "--db", database.ConnectionString];

    private static ServiceProvider Services(TestDatabase database) => ParallaxServices.CommandServices(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = database.ProviderName, [DatabaseSettings.ConnectionStringKey] = database.ConnectionString,
        }).Build(), new AuditActor("test", "test"));

    /// <summary>Every table of the model with its row count, and the audit chain's report.</summary>
    private static async Task<(Dictionary<string, int> Counts, AuditChainReport Chain)> SnapshotAsync(TestDatabase database)
    {
        await using var services = Services(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var counts = new Dictionary<string, int>();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct())
        {
            // Table names from the model, not input: they cannot be parameters.
            var count = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
            counts[table] = await db.Database.SqlQueryRaw<int>(count).SingleAsync();
        }

        return (counts, await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync());
    }

    [Fact]
    public async Task BackupThenRestore_IntoAnEmptyDatabase_KeepsEveryRowAndTheAuditChain()
    {
        await using (var services = Services(original))
        await using (var scope = services.CreateAsyncScope())
        {
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider);
            var data = await TestPartnership.CreateAsync(scope.ServiceProvider);
            await TestAudits.SentAsync(scope.ServiceProvider, data.Partnership.Id, "Backup drill audit", TestAudits.NewUin("BK"), data.Police.Id);
            await scope.ServiceProvider.GetRequiredService<AuditChain>().SealAsync(TimeSpan.Zero);
        }

        var before = await SnapshotAsync(original);
        var file = Path.Combine(folder, "parallax.backup");

        var backup = await CommandResult.RunAsync(["backup", "--out", file, .. On(original)]);
        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.True(new FileInfo(file).Length > 0);
        var again = await CommandResult.RunAsync(["backup", "--out", file, .. On(original)]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error);

        var restore = await CommandResult.RunAsync(["restore", file, .. On(restored)]);
        Assert.True(restore.ExitCode == 0, restore.Error);
        var after = await SnapshotAsync(restored);

        // One event per changed record (decision 0075): the partnership, its people, agencies, tool and the sent audit.
        Assert.True(before.Counts["AuditEvents"] > 20 && before.Counts["ReturnRequests"] > 0, $"{before.Counts["AuditEvents"]} events, {before.Counts["ReturnRequests"]} requests");
        Assert.True(after.Chain.Intact, string.Join(Environment.NewLine, after.Chain.Problems));
        Assert.Equal(before.Counts.OrderBy(c => c.Key), after.Counts.OrderBy(c => c.Key));
        Assert.True(after.Chain.Intact);
        Assert.Equal(before.Chain.Head, after.Chain.Head);
        Assert.Equal(before.Chain.Sealed, after.Chain.Sealed);

        // A database that already holds data is not overwritten unless asked.
        var refused = await CommandResult.RunAsync(["restore", file, .. On(restored)]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("already holds Parallax data", refused.Error);
        var replaced = await CommandResult.RunAsync(["restore", file, "--replace", .. On(restored)]);
        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Equal(before.Counts.OrderBy(c => c.Key), (await SnapshotAsync(restored)).Counts.OrderBy(c => c.Key));
    }
}

public sealed class SqliteBackupTests() : BackupTests(DatabaseProvider.Sqlite);

public sealed class PostgresBackupTests() : BackupTests(DatabaseProvider.Postgres);
