using MimeKit;

namespace Parallax.Tests.Web;

/// <summary>
/// Two Parallax nodes on one PostgreSQL database: two real <c>serve</c> processes on
/// loopback share sign-in through the database's Data Protection keys, and a stale edit on one node after a
/// save on the other is refused; two dispatchers at once send each message once. PostgreSQL only: SQLite
/// is the single-node default.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.Create(DatabaseProvider.Postgres);
    private readonly string mail = Directory.CreateTempSubdirectory("parallax-two-nodes-").FullName;
    private readonly List<ParallaxNode> nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in nodes) await node.DisposeAsync();
        await database.DisposeAsync();
        Directory.Delete(mail, recursive: true);
    }

    private ServiceProvider Services(Action<IServiceCollection>? configure = null) => ParallaxServices.CommandServices(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = database.ProviderName, [DatabaseSettings.ConnectionStringKey] = database.ConnectionString, ["Parallax:Mail:Folder"] = mail,
        }).Build(), new AuditActor("test", "test"), configure);

    private async Task<Uri> StartNodeAsync()
    {
        var node = await ParallaxNode.StartAsync(database, mail);
        nodes.Add(node);
        return node.Address;
    }

    [Fact]
    public async Task TwoNodes_ShareTheSession_AndAStaleEditOnOneIsRefusedAfterASaveOnTheOther()
    {
        var a = await StartNodeAsync(); // migrates the database; the second node starts on a migrated one
        Guid review;
        await using (var services = Services())
        await using (var scope = services.CreateAsyncScope())
        {
            var data = await TestPartnership.CreateAsync(scope.ServiceProvider);
            review = (await scope.ServiceProvider.GetRequiredService<ReviewOpening>().CreateAsync(data.Partnership.Id, new ReviewInput(
                ReviewKind.RapidReview, "Child N", "an injury", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 3), new DateOnly(2024, 1, 1), new DateOnly(2025, 3, 1),
                "TN" + Guid.NewGuid().ToString("N")[..6], "NN", 1, Parallax.Core.Cases.Sex.Female, Parallax.Core.Cases.LevelOfNeed.ChildInNeed, []), "test")).Id;
        }

        var b = await StartNodeAsync();
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var onA = new HttpClient(handler, disposeHandler: false) { BaseAddress = a };
        using var onB = new HttpClient(handler, disposeHandler: false) { BaseAddress = b };

        var signIn = await onA.SubmitFormAsync("/sign-in", new() { ["Input.Email"] = TestPartnership.Lead, ["Input.Password"] = TestPartnership.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // The session cookie node A issued opens pages on node B: both read the keys from the database.
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync($"/reviews/{review}")).StatusCode);

        // Both nodes show the same form; A saves first, so B's copy is stale and B's save is refused, not silently applied.
        var version = (await onB.GetDocumentAsync($"/reviews/{review}/details")).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        Dictionary<string, string> Details(string author) => new()
        {
            ["Version"] = version, ["Author"] = author, ["Access"] = "LeadsOnly", ["Status"] = "Scoping",
            ["PeriodFrom.Day"] = "1", ["PeriodFrom.Month"] = "1", ["PeriodFrom.Year"] = "2024", ["PeriodTo.Day"] = "1", ["PeriodTo.Month"] = "3", ["PeriodTo.Year"] = "2025",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SubmitFormAsync($"/reviews/{review}/details", Details("Reviewer saved on node A"))).StatusCode);
        var stale = await onB.SubmitFormAsync($"/reviews/{review}/details", Details("Reviewer typed on node B"));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else changed this review", (await stale.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        await using (var services = Services())
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            Assert.Equal("Reviewer saved on node A", (await db.PracticeReviews.SingleAsync(r => r.Id == review)).Author);
            Assert.True(await db.DataProtectionKeys.AnyAsync());
        }
    }

    [Fact]
    public async Task TwoDispatchersAtOnce_SendEachMessageOnce()
    {
        var transport = new SlowCountingTransport();
        await using var first = Services(s => s.AddSingleton<IMailTransport>(transport));
        await using var second = Services(s => s.AddSingleton<IMailTransport>(transport));
        Guid partnership;
        await using (var scope = first.CreateAsyncScope())
        {
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider);
            partnership = (await TestPartnership.CreateAsync(scope.ServiceProvider)).Partnership.Id;
            var queue = scope.ServiceProvider.GetRequiredService<MailQueue>();
            for (var i = 0; i < 10; i++)
                await queue.EnqueueAsync(new MailItem(partnership, "test", $"person{i}@testshire.example", $"Message {i}", "Body", $"two-nodes:{i}"));
            await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().SaveChangesAsync();
        }

        await using var scopeA = first.CreateAsyncScope();
        await using var scopeB = second.CreateAsyncScope();
        var sent = await Task.WhenAll(
            scopeA.ServiceProvider.GetRequiredService<MailQueue>().DispatchDueAsync(),
            scopeB.ServiceProvider.GetRequiredService<MailQueue>().DispatchDueAsync());

        Assert.Equal(10, sent.Sum());
        Assert.Equal(10, transport.Sent.Count);
        Assert.Equal(10, transport.Sent.Distinct().Count());
        await using var check = first.CreateAsyncScope();
        Assert.Equal(10, await check.ServiceProvider.GetRequiredService<ParallaxDbContext>().OutboxMessages.CountAsync(m => m.DedupeKey!.StartsWith("two-nodes:") && m.Status == OutboxStatus.Sent));
    }

    /// <summary>An SMTP server that takes its time, so both dispatchers are at work together; it counts what it was given.</summary>
    private sealed class SlowCountingTransport : IMailTransport
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Sent { get; } = [];

        public string Describe() => "test transport";

        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            await Task.Delay(100, ct);
            Sent.Add(message.MessageId ?? "");
        }
    }
}
