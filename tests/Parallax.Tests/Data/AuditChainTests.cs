using System.Security.Cryptography;

namespace Parallax.Tests.Data;

/// <summary>The audit trail's hash chain: sealed in order, verified by the command line, and tampering found even by someone who can drop the triggers.</summary>
public abstract class AuditChainTests(ParallaxAppFactory app)
{
    private string[] Database => ["--provider", app.Database.ProviderName, "--db", app.Database.ConnectionString];

    [Fact]
    public async Task Verify_FindsAFieldChangedInsideAnEventAndADeletedEvent_ThatTheDatabaseOwnerSlippedPastTheTriggers()
    {
        // Some history, sealed; then one more change, sealed after it: two stretches of the chain.
        await RewriteAndResealAsync(AuditChainKeys.None, rewrite: false);
        await RenamePoliceAsync("Testshire Constabulary");
        Assert.Equal(0, (await CommandResult.RunAsync(["audit-log", "seal", .. Database])).ExitCode);
        await RenamePoliceAsync("Testshire Constabulary (second)");
        var sealing = await CommandResult.RunAsync(["audit-log", "seal", .. Database]);
        Assert.Equal(0, sealing.ExitCode);
        var intact = await CommandResult.RunAsync(["audit-log", "verify", .. Database]);
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("0 not yet sealed", intact.Output);
        Assert.Contains("the chain is intact", intact.Output);

        AuditSeal first, second;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            // Every event sealed, by far fewer seals than events.
            Assert.Equal(await db.AuditEvents.CountAsync(), await db.AuditSeals.SumAsync(s => s.Count));
            Assert.True(await db.AuditSeals.CountAsync() < await db.AuditEvents.CountAsync());
            var police = app.Data.Police.Id.ToString();
            var renames = await db.AuditEvents.AsNoTracking().Where(e => e.Entity == "Agency" && e.EntityKey == police).OrderBy(e => e.Id).ToListAsync();
            var deleted = renames.Last(e => e.Fields().Any(f => f.Field == "Name" && f.NewValue == "Testshire Constabulary")).Id;
            var changed = renames.Last(e => e.Fields().Any(f => f.Field == "Name" && f.NewValue == "Testshire Constabulary (second)")).Id;
            first = await db.AuditSeals.AsNoTracking().Where(s => s.EventId >= deleted).OrderBy(s => s.EventId).FirstAsync();
            second = await db.AuditSeals.AsNoTracking().Where(s => s.EventId >= changed).OrderBy(s => s.EventId).FirstAsync();
            Assert.NotEqual(first.EventId, second.EventId);

            // Someone with the database owner's rights removes the protection, rewrites one field of one event and deletes another.
            if (app.Database.ProviderName == "postgres")
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" DISABLE TRIGGER audit_events_append_only");
            else
                await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEvents_append_only_update\"; DROP TRIGGER \"AuditEvents_append_only_delete\";");
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Changes\" = REPLACE(\"Changes\", 'Testshire Constabulary (second)', 'Testshire Police Service') WHERE \"Id\" = {changed}");
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEvents\" WHERE \"Id\" = {deleted}");
            Assert.Contains(await db.AuditEvents.Where(e => e.Id == changed).FieldsAsync(), f => f.NewValue == "Testshire Police Service");
        }

        var broken = await CommandResult.RunAsync(["audit-log", "verify", .. Database]);

        Assert.Equal(1, broken.ExitCode);
        Assert.Contains($"1 of the {first.Count} events sealed from event {first.AfterEventId + 1} to {first.EventId} is missing: deleted since.", broken.ErrorLines);
        Assert.Contains($"Events {second.AfterEventId + 1} to {second.EventId} do not match their seal: one of them, or the seal before them, has been changed.", broken.ErrorLines);
        Assert.Equal(2, broken.ErrorLines.Count);
        Assert.Contains("2 problem(s) found", broken.Output);

        // Sealed again as the events now stand, for the other tests on this database.
        await RewriteAndResealAsync(AuditChainKeys.None, rewrite: false);
    }

    [Fact]
    public async Task Verify_Incremental_RecomputesOnlyTheEventsAfterTheCheckpoint_AndFindsAChangeThere()
    {
        await RewriteAndResealAsync(AuditChainKeys.None, rewrite: false);
        await RenamePoliceAsync("Testshire Constabulary (before the checkpoint)");
        Assert.Equal(0, (await CommandResult.RunAsync(["audit-log", "seal", .. Database])).ExitCode);
        var file = Path.Combine(Directory.CreateTempSubdirectory("parallax-checkpoint-").FullName, "checkpoint.json");
        Assert.Equal(0, (await CommandResult.RunAsync(["audit-log", "checkpoint", "--out", file, .. Database])).ExitCode);
        var checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(await File.ReadAllTextAsync(file))!;
        await RenamePoliceAsync("Testshire Constabulary (after the checkpoint)");
        Assert.Equal(0, (await CommandResult.RunAsync(["audit-log", "seal", .. Database])).ExitCode);

        var incremental = await CommandResult.RunAsync(["audit-log", "verify", "--checkpoint", file, "--incremental", .. Database]);
        Assert.Equal(0, incremental.ExitCode);
        Assert.Contains($"at event {checkpoint.EventId}; only the events after it were recomputed", incremental.Output);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync(checkpoint, incremental: true);
            Assert.Equal(checkpoint.EventId, report.RecomputedAfterEventId);
            Assert.True(report.Intact);
        }

        Assert.Contains("needs --checkpoint", (await CommandResult.RunAsync(["audit-log", "verify", "--incremental", .. Database])).ErrorLines.Single());

        // A change before the checkpoint is the full run's to find; one after it, the incremental run finds.
        await TamperAsync("Testshire Constabulary (before the checkpoint)");
        Assert.Equal(0, (await CommandResult.RunAsync(["audit-log", "verify", "--checkpoint", file, "--incremental", .. Database])).ExitCode);
        var full = await CommandResult.RunAsync(["audit-log", "verify", "--checkpoint", file, .. Database]);
        Assert.Equal(1, full.ExitCode);
        Assert.Contains(full.ErrorLines, l => l.Contains("do not match their seal", StringComparison.Ordinal));

        await TamperAsync("Testshire Constabulary (after the checkpoint)");
        var caught = await CommandResult.RunAsync(["audit-log", "verify", "--checkpoint", file, "--incremental", .. Database]);
        Assert.Equal(1, caught.ExitCode);
        var line = Assert.Single(caught.ErrorLines);
        Assert.Contains("do not match their seal", line);
        var from = long.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(from > checkpoint.EventId, line);

        await RewriteAndResealAsync(AuditChainKeys.None, rewrite: false);
    }

    [Fact]
    public async Task Verify_LargeChainOverManyStretches_FindsAChangedADeletedAndAReSealedEvent_EachInItsOwnStretch()
    {
        // A chain of several thousand events, so the stretches are verified in parallel runs (one per core), and more than one run has a break.
        await RewriteAndResealAsync(AuditChainKeys.None, rewrite: false);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var at = DateTimeOffset.UtcNow.AddMinutes(-5);
            var changeSet = Guid.CreateVersion7();
            db.AuditEvents.AddRange(Enumerable.Range(1, 8 * AuditChain.SealEvery).Select(i => new AuditEvent
            {
                OccurredAt = at,
                ActorId = "cli:chain-test",
                ActorName = "Chain test",
                Entity = "Agency",
                EntityKey = Guid.NewGuid().ToString(),
                Action = AuditAction.Added,
                Changes = AuditChanges.Write([new AuditChange("Name", null, $"Fictional agency {i}")]),
                PartnershipId = app.Data.Partnership.Id,
                Reason = i % 3 == 0 ? "Testing the chain" : null,
                ChangeSetId = changeSet,
            }));
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, (await CommandResult.RunAsync(["audit-log", "seal", .. Database])).ExitCode);
        Assert.Equal(0, (await CommandResult.RunAsync(["audit-log", "verify", .. Database])).ExitCode);

        AuditSeal deletedIn, changedIn, reportedAfterReseal;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var seals = await db.AuditSeals.AsNoTracking().OrderBy(s => s.EventId).ToListAsync();
            Assert.True(seals.Count >= 8, $"{seals.Count} seals");
            // One break early in the chain, one in the middle, one late: in different stretches and different runs.
            deletedIn = seals[^7];
            changedIn = seals[^4];
            var resealed = seals[^3];
            reportedAfterReseal = seals[^2];
            await DropProtectionAsync(db);
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEvents\" WHERE \"Id\" = {deletedIn.EventId - 10}");
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"ActorName\" = 'Someone else' WHERE \"Id\" = {changedIn.EventId - 1}");
            // Rewritten, and its own seal recomputed (no key needed without one): that stretch now matches, the next one cannot.
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Changes\" = '[]' WHERE \"Id\" = {resealed.EventId - 500}");
            var stretch = await db.AuditEvents.AsNoTracking().Where(e => e.Id > resealed.AfterEventId && e.Id <= resealed.EventId).OrderBy(e => e.Id).ToListAsync();
            var rehash = AuditChain.Hash(seals[^4].Hash, stretch);
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditSeals\" SET \"Hash\" = {rehash} WHERE \"EventId\" = {resealed.EventId}");
            await RestoreProtectionAsync(db);
        }

        var broken = await CommandResult.RunAsync(["audit-log", "verify", .. Database]);

        Assert.Equal(1, broken.ExitCode);
        Assert.Equal(
            [
                $"1 of the {deletedIn.Count} events sealed from event {deletedIn.AfterEventId + 1} to {deletedIn.EventId} is missing: deleted since.",
                $"Events {changedIn.AfterEventId + 1} to {changedIn.EventId} do not match their seal: one of them, or the seal before them, has been changed.",
                $"Events {reportedAfterReseal.AfterEventId + 1} to {reportedAfterReseal.EventId} do not match their seal: one of them, or the seal before them, has been changed.",
            ],
            broken.ErrorLines);
        Assert.Contains("3 problem(s) found", broken.Output);

        await RewriteAndResealAsync(AuditChainKeys.None, rewrite: false);
    }

    private async Task DropProtectionAsync(ParallaxDbContext db)
    {
        if (app.Database.ProviderName == "postgres")
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" DISABLE TRIGGER audit_events_append_only");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditSeals\" DISABLE TRIGGER audit_seals_append_only");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditEvents_append_only_update\"; DROP TRIGGER IF EXISTS \"AuditEvents_append_only_delete\";");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditSeals_append_only_update\"; DROP TRIGGER IF EXISTS \"AuditSeals_append_only_delete\";");
        }
    }

    private async Task RestoreProtectionAsync(ParallaxDbContext db)
    {
        if (app.Database.ProviderName == "postgres")
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" ENABLE TRIGGER audit_events_append_only");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditSeals\" ENABLE TRIGGER audit_seals_append_only");
            return;
        }

        foreach (var table in new[] { "AuditEvents", "AuditSeals" })
        {
            foreach (var statement in new[] { "UPDATE", "DELETE" })
            {
                var create = "CREATE TRIGGER IF NOT EXISTS \"" + table + "_append_only_" + statement.ToLowerInvariant() + "\" BEFORE " + statement + " ON \"" + table
                    + "\" BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: its records cannot be changed or deleted.'); END;";
                await db.Database.ExecuteSqlRawAsync(create);
            }
        }
    }

    /// <summary>Rewrites the police's rename to <paramref name="name"/> in the trail, past the triggers, and puts them back.</summary>
    private async Task TamperAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var police = app.Data.Police.Id.ToString();
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Entity == "Agency" && e.EntityKey == police).ToListAsync();
        var id = events.Last(e => e.Fields().Any(f => f.NewValue == name)).Id;
        if (app.Database.ProviderName == "postgres")
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" DISABLE TRIGGER audit_events_append_only");
        else
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEvents_append_only_update\"");
        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Changes\" = REPLACE(\"Changes\", {name}, 'Testshire Police Service') WHERE \"Id\" = {id}");
        if (app.Database.ProviderName == "postgres")
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" ENABLE TRIGGER audit_events_append_only");
        else
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER IF NOT EXISTS \"AuditEvents_append_only_update\" BEFORE UPDATE ON \"AuditEvents\" BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: its records cannot be changed or deleted.'); END;");
    }

    private async Task RenamePoliceAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        (await db.Agencies.SingleAsync(a => a.Id == app.Data.Police.Id)).Name = name;
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// What someone holding the database can do: drop the triggers, rewrite the last event and delete the one before
    /// (unless <paramref name="rewrite"/> is false), and seal everything again with <paramref name="keys"/>. The
    /// protection is put back after, for the other tests on this database.
    /// </summary>
    private async Task RewriteAndResealAsync(AuditChainKeys keys, bool rewrite = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        string[] triggers = ["AuditEvents_append_only_update", "AuditEvents_append_only_delete", "AuditSeals_append_only_update", "AuditSeals_append_only_delete"];
        if (app.Database.ProviderName == "postgres")
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" DISABLE TRIGGER audit_events_append_only");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditSeals\" DISABLE TRIGGER audit_seals_append_only");
        }
        else
        {
            // Names from the list above, not input: concatenated, as SQL cannot take a trigger's name as a parameter.
            foreach (var trigger in triggers)
            {
                var drop = "DROP TRIGGER IF EXISTS \"" + trigger + "\"";
                await db.Database.ExecuteSqlRawAsync(drop);
            }
        }

        if (rewrite)
        {
            var last = await db.AuditEvents.MaxAsync(e => e.Id);
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"ActorName\" = 'someone else' WHERE \"Id\" = {last}");
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEvents\" WHERE \"Id\" = {last - 1}");
        }

        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditSeals\"");
        await new AuditChain(db, TimeProvider.System, keys).SealAsync(TimeSpan.Zero);
        if (app.Database.ProviderName == "postgres")
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" ENABLE TRIGGER audit_events_append_only");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditSeals\" ENABLE TRIGGER audit_seals_append_only");
        }
        else
        {
            foreach (var trigger in triggers)
            {
                var (table, statement) = (trigger[..trigger.IndexOf('_')], trigger.EndsWith("update", StringComparison.Ordinal) ? "UPDATE" : "DELETE");
                var create = "CREATE TRIGGER IF NOT EXISTS \"" + trigger + "\" BEFORE " + statement + " ON \"" + table + "\" BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: its records cannot be changed or deleted.'); END;";
                await db.Database.ExecuteSqlRawAsync(create);
            }
        }
    }

    private static string KeyFile(byte[] key)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("parallax-chain-key-").FullName, "chain.key");
        File.WriteAllText(file, Convert.ToBase64String(key));
        return file;
    }

    [Fact]
    public async Task KeyedChain_RewrittenAndSealedAgainWithoutTheKey_IsFound()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        string[] keyed = [.. Database, "--chain-key-file", KeyFile(key)];
        // The whole chain is keyed: seals made before this test's key would be plain ones, so start from a fresh seal run on this database.
        await RenamePoliceAsync("Testshire Constabulary (keyed)");
        await RewriteAndResealAsync(new AuditChainKeys(key, []), rewrite: false);
        Assert.Equal(0, (await CommandResult.RunAsync(["audit-log", "verify", .. keyed])).ExitCode);

        await RewriteAndResealAsync(AuditChainKeys.None);

        var broken = await CommandResult.RunAsync(["audit-log", "verify", .. keyed]);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains(broken.ErrorLines, l => l.Contains("sealed without the chain key and no checkpoint covers them"));
    }

    [Fact]
    public async Task Checkpoint_CatchesARewriteEvenBySomeoneHoldingTheKey_AndAChangedCheckpointFile()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        string[] keyed = [.. Database, "--chain-key-file", KeyFile(key)];
        await RenamePoliceAsync("Testshire Constabulary (checkpoint)");
        await RewriteAndResealAsync(new AuditChainKeys(key, []), rewrite: false);
        var file = Path.Combine(Directory.CreateTempSubdirectory("parallax-checkpoint-").FullName, "checkpoint.json");

        var written = await CommandResult.RunAsync(["audit-log", "checkpoint", "--out", file, .. keyed]);
        Assert.Equal(0, written.ExitCode);
        var checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(await File.ReadAllTextAsync(file))!;
        Assert.NotNull(checkpoint.Signature);
        var proven = await CommandResult.RunAsync(["audit-log", "verify", "--checkpoint", file, .. keyed]);
        Assert.Equal(0, proven.ExitCode);
        Assert.Contains($"Nothing up to event {checkpoint.EventId} has changed since the checkpoint", proven.Output);

        // A forged checkpoint file: its signature gives it away.
        var forged = Path.Combine(Path.GetDirectoryName(file)!, "forged.json");
        await File.WriteAllTextAsync(forged, JsonSerializer.Serialize(checkpoint with { Head = new string('a', 64) }));
        Assert.Contains("The checkpoint's signature does not match: the checkpoint file has been changed.", (await CommandResult.RunAsync(["audit-log", "verify", "--checkpoint", forged, .. keyed])).ErrorLines);

        // The key holder rewrites and seals everything again with the key: intact on its own, but not through the checkpoint.
        await RewriteAndResealAsync(new AuditChainKeys(key, []));
        Assert.Equal(0, (await CommandResult.RunAsync(["audit-log", "verify", .. keyed])).ExitCode);
        var caught = await CommandResult.RunAsync(["audit-log", "verify", "--checkpoint", file, .. keyed]);
        Assert.Equal(1, caught.ExitCode);
        Assert.Contains(caught.ErrorLines, l => l.Contains($"The chain no longer passes through the checkpoint at event {checkpoint.EventId}") || l.Contains($"The checkpoint's event {checkpoint.EventId} is no longer sealed"));

        // Plain seals again, as the other tests on this database (without a key) expect.
        await RewriteAndResealAsync(AuditChainKeys.None, rewrite: false);
    }

    [Fact]
    public async Task Checkpoint_WithoutAKey_StillCatchesARewrite()
    {
        await RenamePoliceAsync("Testshire Constabulary (unkeyed)");
        await RewriteAndResealAsync(AuditChainKeys.None, rewrite: false);
        var file = Path.Combine(Directory.CreateTempSubdirectory("parallax-checkpoint-").FullName, "checkpoint.json");
        Assert.Equal(0, (await CommandResult.RunAsync(["audit-log", "checkpoint", "--out", file, .. Database])).ExitCode);

        await RewriteAndResealAsync(AuditChainKeys.None);

        var plain = await CommandResult.RunAsync(["audit-log", "verify", .. Database]);
        Assert.Contains("whoever holds the database could rewrite events and seal them again", plain.Output);
        Assert.Equal(1, (await CommandResult.RunAsync(["audit-log", "verify", "--checkpoint", file, .. Database])).ExitCode);
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
