namespace Parallax.Tests.Infrastructure;

/// <summary>Sends what the outbox holds (as the web host does every 30 seconds) and reads links from the .eml files it writes.</summary>
public static partial class Outbox
{
    public static async Task DispatchAsync(ParallaxAppFactory app)
    {
        await using var services = app.CommandServices(TimeProvider.System);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MailQueue>().DispatchDueAsync();
    }

    /// <summary>The path of the one-time link in the latest message of <paramref name="kind"/> sent to <paramref name="to"/>, read from its .eml file.</summary>
    public static async Task<string> LinkSentToAsync(ParallaxAppFactory app, string to, string kind)
    {
        await DispatchAsync(app);
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().OutboxMessages
                .Where(m => m.To == to && m.Kind == kind && m.Status == OutboxStatus.Sent).OrderByDescending(m => m.CreatedAt).Select(m => m.Id).FirstAsync();
        }

        var mime = await MimeKit.MimeMessage.LoadAsync(Path.Combine(app.MailFolder, $"{id:N}@parallax.eml"));
        var link = LinkPattern().Match(mime.TextBody ?? "");
        if (!link.Success) throw new InvalidOperationException($"No link in the message to {to}: {mime.TextBody}");
        return new Uri(link.Value).AbsolutePath;
    }

    [GeneratedRegex(@"https?://\S+/(account|set-up)/\S+")]
    private static partial Regex LinkPattern();
}
