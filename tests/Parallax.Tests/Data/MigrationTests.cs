namespace Parallax.Tests.Data;

public class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigrationAndCreatesTheRoles(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var services = Services(database);
        await using var scope = services.CreateAsyncScope();

        await DatabaseSetup.MigrateAsync(scope.ServiceProvider);

        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(Roles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
        Assert.Equal(0, await db.Partnerships.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Model_HasNoChangesMissingFromTheProvidersMigrations(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var services = Services(database);
        await using var scope = services.CreateAsyncScope();

        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changed since the last {provider} migration: run scripts/add-migration.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_Twice_IsHarmless(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var services = Services(database);

        for (var run = 0; run < 2; run++)
        {
            await using var scope = services.CreateAsyncScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider);
        }

        await using var check = services.CreateAsyncScope();
        Assert.Equal(Roles.All.Count, await check.ServiceProvider.GetRequiredService<ParallaxDbContext>().Roles.CountAsync());
    }

    internal static ServiceProvider Services(TestDatabase database) => ParallaxServices.CommandServices(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = database.ProviderName,
            [DatabaseSettings.ConnectionStringKey] = database.ConnectionString,
        }).Build(),
        AuditActor.System);
}
