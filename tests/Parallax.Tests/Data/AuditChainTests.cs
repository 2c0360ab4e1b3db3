using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parallax.Core.AuditTrail;
using Parallax.Core.Data;
using Parallax.Tests.CommandLine;
using Parallax.Tests.Infrastructure;

namespace Parallax.Tests.Data;

/// <summary>The audit trail's hash chain: sealed in order, verified by the command line, and tampering found even by someone who can drop the triggers.</summary>
public abstract class AuditChainTests(ParallaxAppFactory app)
{
    private string[] Database => ["--provider", app.Database.ProviderName, "--db", app.Database.ConnectionString];

    [Fact]
    public async Task Verify_FindsAChangedAndADeletedEvent_ThatTheDatabaseOwnerSlippedPastTheTriggers()
    {
        // Some history, then everything sealed.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var agency = await db.Agencies.SingleAsync(a => a.Id == app.Data.Police.Id);
            agency.Name = "Testshire Constabulary";
            await db.SaveChangesAsync();
        }

        var sealing = await CommandResult.RunAsync(["audit-log", "seal", .. Database]);
        Assert.Equal(0, sealing.ExitCode);
        var intact = await CommandResult.RunAsync(["audit-log", "verify", .. Database]);
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("0 not yet sealed", intact.Output);
        Assert.Contains("the chain is intact", intact.Output);

        long changed, deleted;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            Assert.Equal(await db.AuditEvents.CountAsync(), await db.AuditSeals.CountAsync());
            var rename = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Entity == "Agency" && e.Field == "Name" && e.NewValue == "Testshire Constabulary");
            changed = rename.Id;
            deleted = await db.AuditEvents.Where(e => e.Id < changed).MaxAsync(e => e.Id);

            // Someone with the database owner's rights removes the protection, rewrites history and deletes a row.
            if (app.Database.ProviderName == "postgres")
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" DISABLE TRIGGER audit_events_append_only");
            else
                await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEvents_append_only_update\"; DROP TRIGGER \"AuditEvents_append_only_delete\";");
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"NewValue\" = 'Testshire Police Service' WHERE \"Id\" = {changed}");
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEvents\" WHERE \"Id\" = {deleted}");
        }

        var broken = await CommandResult.RunAsync(["audit-log", "verify", .. Database]);

        Assert.Equal(1, broken.ExitCode);
        Assert.Contains($"Event {changed} does not match its seal: the event, or the seal before it, has been changed.", broken.ErrorLines);
        Assert.Contains($"Event {deleted} was sealed but is missing: it has been deleted.", broken.ErrorLines);
        Assert.Equal(2, broken.ErrorLines.Count);
        Assert.Contains("2 problem(s) found", broken.Output);
    }

    [Fact]
    public async Task Seal_OnlyEventsOlderThanTheSettlingTime_AndSealsAreAppendOnlyToo()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var chain = scope.ServiceProvider.GetRequiredService<AuditChain>();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        await chain.SealAsync(TimeSpan.Zero);
        var sealedBefore = await db.AuditSeals.CountAsync();

        var agency = await db.Agencies.SingleAsync(a => a.Id == app.Data.School.Id);
        agency.Name = "Testshire Schools (renamed for the chain)";
        await db.SaveChangesAsync();

        // Just written: not sealed yet, so a transaction still open elsewhere cannot be overtaken.
        Assert.Equal(0, await chain.SealAsync(TimeSpan.FromMinutes(5)));
        Assert.True(await chain.SealAsync(TimeSpan.Zero) > 0);
        Assert.True(await db.AuditSeals.CountAsync() > sealedBefore);

        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditSeals\" SET \"Hash\" = 'x'"));
        Assert.Contains("append-only", update.Message);
    }
}

public sealed class SqliteAuditChainTests(SqliteAppFactory app) : AuditChainTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAuditChainTests(PostgresAppFactory app) : AuditChainTests(app), IClassFixture<PostgresAppFactory>;
