namespace Parallax.Tests.Data;

public abstract class MigrationTests(DatabaseProvider provider) : OwnDatabaseTests(provider)
{
    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigrationAndCreatesTheRoles()
    {
        await using var services = Database.CommandServices(AuditActor.System);
        await using var scope = services.CreateAsyncScope();

        await DatabaseSetup.MigrateAsync(scope.ServiceProvider);

        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(Roles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
        Assert.Equal(0, await db.Partnerships.CountAsync());
    }

    [Fact]
    public async Task Model_HasNoChangesMissingFromTheProvidersMigrations()
    {
        await using var services = Database.CommandServices(AuditActor.System);
        await using var scope = services.CreateAsyncScope();

        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changed since the last {Database.Provider} migration: run scripts/add-migration.");
    }

    [Fact]
    public async Task Migrate_Twice_IsHarmless()
    {
        await using var services = Database.CommandServices(AuditActor.System);

        for (var run = 0; run < 2; run++)
        {
            await using var scope = services.CreateAsyncScope();
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider);
        }

        await using var check = services.CreateAsyncScope();
        Assert.Equal(Roles.All.Count, await check.ServiceProvider.GetRequiredService<ParallaxDbContext>().Roles.CountAsync());
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(DatabaseProvider.Sqlite);

public sealed class PostgresMigrationTests() : MigrationTests(DatabaseProvider.Postgres);
