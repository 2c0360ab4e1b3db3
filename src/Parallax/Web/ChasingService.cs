namespace Parallax.Web;

/// <summary>
/// In the web host: sends queued mail every poll interval and, every quarter of an hour, queues whatever
/// reminders and digests have fallen due. Both are idempotent, so a restart or a missed run loses nothing.
/// </summary>
public sealed class ChasingService(IServiceScopeFactory scopes, MailSettings settings, TimeProvider clock, IConfiguration configuration, ILogger<ChasingService> logger) : BackgroundService
{
    public const string EnabledKey = "Parallax:Mail:RunInBackground";

    private static readonly TimeSpan ChaseEvery = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan RetentionEvery = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Tests drive the queue and the chaser themselves, with a fake clock.
        if (!configuration.GetValue(EnabledKey, true)) return;
        logger.LogInformation("Mail goes to the {Destination}", settings.UsesSmtp ? $"SMTP server {settings.SmtpHost}" : $"folder {Path.GetFullPath(settings.Folder)}");
        var lastChase = DateTimeOffset.MinValue;
        var lastRetention = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (clock.GetUtcNow() - lastChase >= ChaseEvery)
                {
                    await scope.ServiceProvider.GetRequiredService<ReturnChaser>().ChaseAsync(stoppingToken);
                    await scope.ServiceProvider.GetRequiredService<Parallax.Core.Actions.ActionChaser>().ChaseAsync(stoppingToken);
                    await scope.ServiceProvider.GetRequiredService<Parallax.Core.Reviews.ChronologyChaser>().ChaseAsync(stoppingToken);
                    lastChase = clock.GetUtcNow();
                }

                if (clock.GetUtcNow() - lastRetention >= RetentionEvery)
                {
                    // Each partnership's rule for case narrative; what it removed is in the log (never the text) and the audit trail.
                    var report = await scope.ServiceProvider.GetRequiredService<Parallax.Core.Retention.NarrativeRetention>().RunAsync(apply: true, ct: stoppingToken);
                    if (report.Items.Count > 0) logger.LogInformation("Retention: {Summary}", report.Lines().First());
                    lastRetention = clock.GetUtcNow();
                }

                await scope.ServiceProvider.GetRequiredService<Parallax.Core.AuditTrail.AuditChain>().SealAsync(ct: stoppingToken);
                // Once a London day (the outbox's dedupe key), the chain's head to the administrators, kept outside the server.
                await scope.ServiceProvider.GetRequiredService<Parallax.Core.AuditTrail.CheckpointMail>().SendDailyAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<MailQueue>().DispatchDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database that is briefly unavailable must not stop chasing for good.
                logger.LogError("Chasing and mail dispatch failed this round: {Reason}", e.Message);
            }

            try
            {
                await Task.Delay(settings.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
