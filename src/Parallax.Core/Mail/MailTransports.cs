using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Parallax.Core.Mail;

/// <summary>Delivers one message or throws; the dispatcher records the failure and retries.</summary>
public interface IMailTransport
{
    /// <summary>Where mail goes, for the administrator's page, e.g. "SMTP smtp.example:587" or "folder data/mail".</summary>
    string Describe();

    Task SendAsync(MimeMessage message, CancellationToken ct);
}

public sealed class SmtpMailTransport(MailSettings settings) : IMailTransport
{
    public string Describe() => $"SMTP server {settings.SmtpHost}:{settings.SmtpPort}";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = settings.SmtpSecurity switch
        {
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            "None" => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(settings.SmtpUser)) await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>Development and demonstration: each message is written as an .eml file that any mail program opens.</summary>
public sealed class FolderMailTransport(MailSettings settings) : IMailTransport
{
    public string FolderPath => Path.GetFullPath(settings.Folder);

    public string Describe() => $"folder {FolderPath} (no SMTP server is configured)";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(FolderPath);
        var path = Path.Combine(FolderPath, FileName(message));
        // Written to a temporary name and moved, so a reader never sees half a message.
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, ct);
        File.Move(temporary, path, overwrite: true);
    }

    public static string FileName(MimeMessage message) => $"{message.MessageId}.eml";
}

/// <summary>
/// GOV.UK Notify, as councils and the NHS send mail: one e-mail template whose subject is ((subject)) and whose message
/// is ((body)), filled from the outbox's message (decision 0032). Notify's refusals (a bad key, a team-only key, a
/// rate limit) are thrown with its own words, so the outbox records them and retries.
/// </summary>
public sealed class NotifyMailTransport : IMailTransport
{
    private readonly MailSettings settings;
    private readonly Notify.Client.NotificationClient client;

    public NotifyMailTransport(MailSettings settings)
    {
        this.settings = settings;
        if (string.IsNullOrWhiteSpace(settings.NotifyTemplateId))
            throw new InvalidOperationException("Parallax:Mail:NotifyApiKey is set but Parallax:Mail:NotifyTemplateId is not: give the id of the Notify e-mail template whose subject is ((subject)) and message ((body)).");
        try
        {
            client = new Notify.Client.NotificationClient(settings.NotifyBaseUrl.TrimEnd('/'), settings.NotifyApiKey!.Trim());
        }
        catch (Exception e) when (e is Notify.Exceptions.NotifyAuthException or ArgumentException)
        {
            throw new InvalidOperationException($"Parallax:Mail:NotifyApiKey is not a GOV.UK Notify API key ({e.Message}). Copy the whole key from Notify's API integration page.");
        }
    }

    public string Describe() => $"GOV.UK Notify, template {settings.NotifyTemplateId}";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        foreach (var to in message.To.Mailboxes)
        {
            var personalisation = new Dictionary<string, dynamic>
            {
                ["subject"] = message.Subject ?? "",
                ["body"] = message.TextBody ?? "",
            };
            try
            {
                await client.SendEmailAsync(to.Address, settings.NotifyTemplateId, personalisation, clientReference: message.MessageId,
                    emailReplyToId: string.IsNullOrWhiteSpace(settings.NotifyReplyToId) ? null : settings.NotifyReplyToId);
            }
            catch (Notify.Exceptions.NotifyClientException e)
            {
                throw new InvalidOperationException($"GOV.UK Notify refused the message: {e.Message}", e);
            }
        }
    }
}
