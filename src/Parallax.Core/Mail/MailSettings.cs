namespace Parallax.Core.Mail;

/// <summary>
/// Where mail goes: GOV.UK Notify when <see cref="NotifyApiKey"/> is set, else an SMTP server when <see cref="SmtpHost"/>
/// is set, otherwise a folder of .eml files.
/// </summary>
public sealed record MailSettings
{
    public const string Section = "Parallax:Mail";

    public string From { get; init; } = "parallax@localhost";

    public string FromName { get; init; } = "Parallax";

    public string? SmtpHost { get; init; }

    public int SmtpPort { get; init; } = 587;

    /// <summary>"StartTls" (default), "SslOnConnect" or "None" (only for a relay on the same machine).</summary>
    public string SmtpSecurity { get; init; } = "StartTls";

    public string? SmtpUser { get; init; }

    public string? SmtpPassword { get; init; }

    /// <summary>Where messages are written when no SMTP server is configured.</summary>
    public string Folder { get; init; } = Path.Combine("data", "mail");

    /// <summary>The address people open Parallax at, used in links in messages.</summary>
    public string SiteUrl { get; init; } = "http://localhost:5080";

    /// <summary>How often the dispatcher looks for messages to send.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A GOV.UK Notify API key: when set (with <see cref="NotifyTemplateId"/>), mail goes through Notify instead of SMTP.</summary>
    public string? NotifyApiKey { get; init; }

    /// <summary>The Notify e-mail template every message uses: its subject is ((subject)) and its message ((body)).</summary>
    public string? NotifyTemplateId { get; init; }

    /// <summary>Optional: a reply-to address set up in Notify, by its id.</summary>
    public string? NotifyReplyToId { get; init; }

    /// <summary>The Notify API's address; only changed for a test double.</summary>
    public string NotifyBaseUrl { get; init; } = "https://api.notifications.service.gov.uk";

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);

    public bool UsesNotify => !string.IsNullOrWhiteSpace(NotifyApiKey);

    public static MailSettings Read(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<MailSettings>() ?? new MailSettings();
}
