namespace Parallax.Tests.Mail;

/// <summary>GOV.UK Notify as the mail transport: the outbox's messages reach Notify's API (a loopback stand-in) whole.</summary>
public abstract class NotifyTests(ParallaxAppFactory app)
{
    private static readonly Guid ServiceId = Guid.NewGuid();
    private static readonly string ApiKey = $"parallax_test-{ServiceId}-{Guid.NewGuid()}";
    private static readonly string TemplateId = Guid.NewGuid().ToString();

    private ServiceProvider Services(FakeNotifyServer notify, string? templateId = null) => ParallaxServices.CommandServices(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = app.Database.ProviderName,
            [DatabaseSettings.ConnectionStringKey] = app.Database.ConnectionString,
            ["Parallax:Mail:Folder"] = app.MailFolder,
            ["Parallax:Mail:NotifyApiKey"] = ApiKey,
            ["Parallax:Mail:NotifyTemplateId"] = templateId ?? TemplateId,
            ["Parallax:Mail:NotifyBaseUrl"] = notify.BaseUrl,
            ["Parallax:Mail:SiteUrl"] = "https://parallax.testshire.example",
        }).Build(),
        new AuditActor("test", "test"));

    [Fact]
    public async Task APasswordResetLink_GoesThroughNotify_WithTheKeysService_AndARefusalIsKeptToRetry()
    {
        using var notify = new FakeNotifyServer();
        await using var services = Services(notify);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (email, refused) = ($"notify.{tag}@testshire.example", $"outside.{tag}@testshire.example");
        await using (var scope = services.CreateAsyncScope())
        {
            var people = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            await people.AddAsync(app.Data.Partnership.Id, email, [Roles.Viewer], null, TestPartnership.Password);
            await people.AddAsync(app.Data.Partnership.Id, refused, [Roles.Viewer], null, TestPartnership.Password);
            Assert.StartsWith("GOV.UK Notify", scope.ServiceProvider.GetRequiredService<MailQueue>().Destination);
        }

        notify.Refuse = refused;
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PasswordReset>().RequestAsync(email);
            await scope.ServiceProvider.GetRequiredService<PasswordReset>().RequestAsync(refused);
        }

        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MailQueue>().DispatchDueAsync();

        List<OutboxMessage> outbox;
        await using (var scope = services.CreateAsyncScope())
            outbox = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().OutboxMessages.Where(m => m.To == email || m.To == refused).ToListAsync();

        var sent = outbox.Single(m => m.To == email);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        var (path, authorization, body) = notify.Received.Single(r => (string?)r.Body["email_address"] == email);
        Assert.Equal("/v2/notifications/email", path);
        Assert.Equal(TemplateId, (string?)body["template_id"]);
        Assert.Equal($"{sent.Id:N}@parallax", (string?)body["reference"]);
        Assert.Equal("Reset your Parallax password", (string?)body["personalisation"]!["subject"]);
        // The one-time link, added only as the message leaves, reaches Notify and works.
        var text = (string)body["personalisation"]!["body"]!;
        var link = System.Text.RegularExpressions.Regex.Match(text, @"https://parallax\.testshire\.example/account/reset-password/(\S+)");
        Assert.True(link.Success, text);
        await using (var scope = services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<PasswordReset>().IsUsableAsync(link.Groups[1].Value));

        // The request is signed with the key: its token names the key's service.
        Assert.StartsWith("Bearer ", authorization);
        var claims = authorization["Bearer ".Length..].Split('.')[1].Replace('-', '+').Replace('_', '/');
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(claims.PadRight(claims.Length + ((4 - (claims.Length % 4)) % 4), '='))))!;
        Assert.Equal(ServiceId.ToString(), (string?)payload["iss"]);

        // Notify's refusal is kept, in its words, for the administrator's mail page and the next try.
        var kept = outbox.Single(m => m.To == refused);
        Assert.Equal(OutboxStatus.Pending, kept.Status);
        Assert.Equal(1, kept.Attempts);
        Assert.Contains("team-only API key", kept.LastError);
    }

    [Fact]
    public void NotifyWithoutATemplate_StopsWithASentence()
    {
        using var notify = new FakeNotifyServer();
        using var services = Services(notify, templateId: "");
        var problem = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IMailTransport>());
        Assert.Contains("NotifyTemplateId", problem.Message);
    }
}

public sealed class SqliteNotifyTests(SqliteAppFactory app) : NotifyTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresNotifyTests(PostgresAppFactory app) : NotifyTests(app), IClassFixture<PostgresAppFactory>;
