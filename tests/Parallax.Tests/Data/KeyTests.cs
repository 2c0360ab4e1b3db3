using Microsoft.EntityFrameworkCore.Metadata;

namespace Parallax.Tests.Data;

/// <summary>
/// One rule for keys across the model: the application chooses every Guid key when it makes the record, so a
/// record added to a loaded aggregate is inserted (EF Core took such records for updates of rows that did not
/// exist, and the save failed as a conflict); and one for versions: every versioned record's version is its
/// concurrency token, so a stale copy is refused whichever record it is.
/// </summary>
public abstract class KeyTests(DatabaseProvider provider) : OwnDatabaseTests(provider)
{
    [Fact]
    public async Task EveryGuidKeyOfTheModel_IsChosenByTheApplication()
    {
        await using var services = Database.CommandServices(new AuditActor("test", "test"));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();

        var generated = db.Model.GetEntityTypes()
            .Select(t => (Type: t, Key: t.FindPrimaryKey()))
            .Where(t => t.Key is { Properties: [{ ClrType: var clr }] } && clr == typeof(Guid) && t.Key.Properties[0].ValueGenerated != ValueGenerated.Never)
            .Select(t => t.Type.DisplayName()).ToList();

        Assert.Empty(generated);
        Assert.True(db.Model.GetEntityTypes().Count(t => t.FindPrimaryKey()?.Properties is [{ ClrType: var clr }] && clr == typeof(Guid)) >= 30);
    }

    [Fact]
    public async Task EveryVersionedRecord_HasItsVersionAsConcurrencyToken()
    {
        await using var services = Database.CommandServices(new AuditActor("test", "test"));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();

        var versioned = db.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)).ToList();
        var notTokens = versioned.Where(t => t.FindProperty(nameof(IVersioned.Version)) is not { IsConcurrencyToken: true })
            .Select(t => t.DisplayName()).ToList();

        Assert.Empty(notTokens);
        Assert.Contains(versioned, t => t.ClrType == typeof(Agency));
        Assert.True(versioned.Count >= 20);
    }

    [Fact]
    public async Task AHouseholdMemberAddedToALoadedCase_IsInserted()
    {
        await using var services = Database.CommandServices(new AuditActor("test", "test"));
        await using (var scope = services.CreateAsyncScope())
        {
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider);
            var data = await TestPartnership.CreateAsync(scope.ServiceProvider);
            var audit = await TestAudits.CreateAsync(scope.ServiceProvider, data.Partnership.Id);
            var @case = await TestAudits.AddCaseAsync(scope.ServiceProvider, data.Partnership.Id, audit.Id, TestAudits.NewUin("KY"), new HouseholdInput(HouseholdRole.Mother, "AB"));

            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            db.ChangeTracker.Clear();
            var loaded = await db.Cases.Include(c => c.Household).SingleAsync(c => c.Id == @case.Id);
            loaded.Household.Add(new HouseholdMember { CaseId = loaded.Id, Role = HouseholdRole.Father, Initials = "CD", Order = 1 });
            await db.SaveChangesAsync();
        }

        await using var check = services.CreateAsyncScope();
        Assert.Equal(2, await check.ServiceProvider.GetRequiredService<ParallaxDbContext>().Set<HouseholdMember>().CountAsync());
    }
}

public sealed class SqliteKeyTests() : KeyTests(DatabaseProvider.Sqlite);

public sealed class PostgresKeyTests() : KeyTests(DatabaseProvider.Postgres);
