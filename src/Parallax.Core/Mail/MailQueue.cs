using Microsoft.Extensions.Logging;
using MimeKit;

namespace Parallax.Core.Mail;

/// <summary>A message to queue; the recipient is an address, the body plain text.</summary>
public sealed record MailItem(Guid PartnershipId, string Kind, string To, string Subject, string Body, string? DedupeKey = null, Guid? AuditId = null, Guid? AgencyId = null, string? SecretLink = null)
{
    /// <summary>Where a one-time link goes in <see cref="Body"/>; the link itself is added only as the message is sent.</summary>
    public const string LinkPlaceholder = "[one-time link]";
}

/// <summary>
/// The outbox. <see cref="Enqueue"/> adds messages to the caller's unit of work, so they are saved with the
/// change that caused them or not at all; <see cref="DispatchDueAsync"/> sends what is due and schedules
/// retries, so a mail server that is down delays mail but loses none.
/// </summary>
public sealed class MailQueue(ParallaxDbContext db, IMailTransport transport, MailSettings settings, TimeProvider clock, ILogger<MailQueue> logger)
{
    public const int MaxAttempts = 12;

    /// <summary>How long a dispatcher holds a message it is sending; longer than any SMTP conversation.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)];

    /// <summary>Queues a message unless one with the same key was queued before. Returns false when it was a duplicate.</summary>
    public async Task<bool> EnqueueAsync(MailItem item, CancellationToken ct = default)
    {
        if (item.DedupeKey is { } key)
        {
            var pending = db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.DedupeKey == key);
            if (pending || await db.OutboxMessages.AnyAsync(m => m.DedupeKey == key, ct)) return false;
        }

        var now = clock.GetUtcNow();
        db.OutboxMessages.Add(new OutboxMessage
        {
            PartnershipId = item.PartnershipId,
            Kind = item.Kind,
            DedupeKey = item.DedupeKey,
            AuditId = item.AuditId,
            AgencyId = item.AgencyId,
            To = item.To,
            Subject = item.Subject,
            Body = item.Body,
            SecretLink = item.SecretLink,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        return true;
    }

    /// <summary>Sends every pending message whose time has come; returns how many were sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var due = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            // Claim the message before sending: its next attempt moves past the claim, in one statement that
            // succeeds for one dispatcher only, so two nodes dispatching at once never send it twice.
            var seen = message.NextAttemptAt;
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.Status == OutboxStatus.Pending && m.NextAttemptAt == seen)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, clock.GetUtcNow() + ClaimFor), ct);
            if (claimed == 0) continue;

            try
            {
                await transport.SendAsync(ToMime(message), ct);
                message.Status = OutboxStatus.Sent;
                message.SentAt = clock.GetUtcNow();
                message.SecretLink = null; // Delivered: the link lives in the recipient's mailbox only.
                message.LastError = null;
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                message.Attempts++;
                message.LastError = Describe(e);
                if (message.Attempts >= MaxAttempts) message.Status = OutboxStatus.Failed;
                else message.NextAttemptAt = clock.GetUtcNow() + Backoff[Math.Min(message.Attempts, Backoff.Length) - 1];
                // The address is not logged: only the message id and the reason.
                logger.LogWarning("Mail {MessageId} not sent (attempt {Attempt}): {Reason}", message.Id, message.Attempts, message.LastError);
            }

            // Each outcome is saved at once, so a crash mid-batch cannot resend what already went.
            await db.SaveChangesAsync(ct);
        }

        return sent;
    }

    /// <summary>An administrator asks for a failed or delayed message to be tried again now.</summary>
    public async Task<bool> RetryAsync(Guid partnershipId, Guid messageId, CancellationToken ct = default)
    {
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == messageId && m.PartnershipId == partnershipId, ct);
        if (message is null || message.Status == OutboxStatus.Sent) return false;
        message.Status = OutboxStatus.Pending;
        message.NextAttemptAt = clock.GetUtcNow();
        if (message.Attempts >= MaxAttempts) message.Attempts = MaxAttempts - 1;
        await db.SaveChangesAsync(ct);
        return true;
    }

    public string Destination => transport.Describe();

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage { Subject = message.Subject, MessageId = $"{message.Id:N}@parallax" };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Date = message.CreatedAt;
        var body = message.SecretLink is { } link ? message.Body.Replace(MailItem.LinkPlaceholder, link, StringComparison.Ordinal) : message.Body;
        mime.Body = new TextPart("plain") { Text = body };
        return mime;
    }

    private static string Describe(Exception e) => e switch
    {
        System.Net.Sockets.SocketException => "Could not connect to the mail server: " + e.Message,
        MailKit.Security.AuthenticationException => "The mail server refused the user name or password.",
        MailKit.Net.Smtp.SmtpCommandException s => "The mail server refused the message: " + s.Message,
        ParseException => "The recipient address is not a valid e-mail address.",
        _ => e.Message,
    };
}
