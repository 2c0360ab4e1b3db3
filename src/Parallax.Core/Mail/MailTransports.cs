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
