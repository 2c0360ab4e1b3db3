namespace Parallax.Core.AuditTrail;

/// <summary>
/// Once a London day, mails the audit trail's checkpoint (decision 0020) to every partnership's administrators
/// through the outbox, so a copy of the chain's head lives outside the database and outside the server:
/// `audit-log verify --checkpoint` with the attached text proves nothing before it changed. One message per
/// administrator per day (the outbox's dedupe key), so running it every round of the background job is safe.
/// </summary>
public sealed class CheckpointMail(ParallaxDbContext db, AuditChain chain, MailQueue mail, TimeProvider clock)
{
    public const string Kind = "audit-checkpoint";

    /// <summary>Queues today's checkpoint for administrators who have not had it; returns how many were queued.</summary>
    public async Task<int> SendDailyAsync(CancellationToken ct = default)
    {
        if (!await db.AuditSeals.AnyAsync(ct)) return 0;
        var today = DateOnly.FromDateTime(PartnershipCalendar.InLondon(clock.GetUtcNow()).DateTime);
        var due = new List<(Guid Partnership, string Email, string Key)>();
        foreach (var partnership in await db.Partnerships.AsNoTracking().OrderBy(p => p.Name).Select(p => p.Id).ToListAsync(ct))
        {
            foreach (var email in await db.InRoles(partnership, Roles.Administrator).Where(u => u.Email != null).Select(u => u.Email!).ToListAsync(ct))
                due.Add((partnership, email, $"{Kind}:{today:yyyy-MM-dd}:{partnership:N}:{email.ToLowerInvariant()}"));
        }

        if (due.Count == 0) return 0;
        var keys = due.Select(d => d.Key).ToList();
        var sent = await db.OutboxMessages.Where(m => m.DedupeKey != null && keys.Contains(m.DedupeKey)).Select(m => m.DedupeKey!).ToListAsync(ct);
        if (sent.Count == due.Count) return 0;

        var checkpoint = await chain.CheckpointAsync(ct);
        var json = JsonSerializer.Serialize(checkpoint, new JsonSerializerOptions { WriteIndented = true });
        var subject = $"Audit trail checkpoint for {today:d MMMM yyyy}";
        var body = $"""
            This is Parallax's audit trail checkpoint for {today:d MMMM yyyy}: the trail up to event {checkpoint.EventId}.
            {(checkpoint.Signature is null ? "It is not signed: the audit trail has no chain key (Parallax:AuditTrail:ChainKey). Ask whoever runs Parallax to set one." : $"It is signed with chain key {checkpoint.KeyId}.")}

            Keep this e-mail somewhere other than the Parallax server. To prove that nothing in the audit trail up to
            this point has changed since, save the text between the lines as a file and run:

                parallax audit-log verify --checkpoint <that file>

            ----------
            {json}
            ----------
            """;

        var queued = 0;
        foreach (var (partnership, email, key) in due.Where(d => !sent.Contains(d.Key)))
        {
            if (await mail.EnqueueAsync(new MailItem(partnership, Kind, email, subject, body, key), ct)) queued++;
        }

        await db.SaveChangesAsync(ct);
        return queued;
    }
}
