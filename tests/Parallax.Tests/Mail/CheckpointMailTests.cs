namespace Parallax.Tests.Mail;

/// <summary>
/// The web host's background job mails each London day's audit-trail checkpoint to the
/// partnership's administrators through the outbox, once a day, on a moved clock.
/// </summary>
public abstract class CheckpointMailTests(ParallaxAppFactory app)
{
    // 23:30 in London on Monday 3 June 2030 (British Summer Time: 22:30 UTC).
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2030, 6, 3, 22, 30, 0, TimeSpan.Zero));

    private static async Task<int> RunAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditChain>().SealAsync(TimeSpan.Zero);
        return await scope.ServiceProvider.GetRequiredService<CheckpointMail>().SendDailyAsync();
    }

    private static async Task<List<Parallax.Core.Mail.OutboxMessage>> CheckpointsAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == CheckpointMail.Kind).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    [Fact]
    public async Task DailyCheckpoint_IsMailedToAdministrators_OncePerLondonDay_AndVerifies()
    {
        await using var services = app.CommandServices(clock);

        Assert.True(await RunAsync(services) >= 1);
        var first = (await CheckpointsAsync(services)).Where(m => m.PartnershipId == app.Data.Partnership.Id).ToList();
        var mail = Assert.Single(first);
        Assert.Equal(TestPartnership.Admin, mail.To);
        Assert.Equal("Audit trail checkpoint for 3 June 2030", mail.Subject);
        Assert.DoesNotContain(await CheckpointsAsync(services), m => m.To == TestPartnership.Lead);

        // Later the same London day: nothing new, however often the job runs.
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(0, await RunAsync(services));

        // 00:30 on Tuesday in London is still Monday in UTC: a new day's checkpoint all the same.
        clock.SetUtcNow(new DateTimeOffset(2030, 6, 3, 23, 30, 0, TimeSpan.Zero));
        Assert.True(await RunAsync(services) >= 1);
        var second = (await CheckpointsAsync(services)).Where(m => m.PartnershipId == app.Data.Partnership.Id).ToList();
        Assert.Equal(2, second.Count);
        Assert.Equal("Audit trail checkpoint for 4 June 2030", second[1].Subject);

        // The text between the lines is the checkpoint `audit-log verify --checkpoint` reads, and it holds.
        var body = second[1].Body;
        var json = body.Split("----------")[1].Trim();
        var checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(json)!;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var head = await db.AuditSeals.AsNoTracking().OrderByDescending(s => s.EventId).FirstAsync();
        Assert.True(checkpoint.EventId <= head.EventId);
        Assert.Equal((await db.AuditSeals.AsNoTracking().SingleAsync(s => s.EventId == checkpoint.EventId)).Hash, checkpoint.Head);
    }
}

public sealed class SqliteCheckpointMailTests(SqliteAppFactory app) : CheckpointMailTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresCheckpointMailTests(PostgresAppFactory app) : CheckpointMailTests(app), IClassFixture<PostgresAppFactory>;
