namespace Parallax.Core.Returns;

/// <summary>
/// The e-mail that chases returns: a notice when requests are sent, a reminder some working days before they
/// are due, an overdue notice the day after, and a daily digest to the audit's leads. Every message has a
/// key, so however often <see cref="ChaseAsync"/> runs, each is queued once.
/// </summary>
public sealed class ReturnChaser(ParallaxDbContext db, MailQueue mail, MailSettings settings, PartnershipCalendar calendar)
{
    /// <summary>Reminders, overdue notices and digests wait until working hours in England.</summary>
    public static readonly TimeOnly WorkingHoursStart = new(8, 0);

    public static readonly ReturnStatus[] Open = [ReturnStatus.Requested, ReturnStatus.InProgress, ReturnStatus.ExtensionGranted];

    /// <summary>Queues one notice per agency auditor for requests just sent (saved by the caller).</summary>
    public async Task NotifySentAsync(Audit audit, IReadOnlyCollection<ReturnRequest> sent, CancellationToken ct = default)
    {
        var batch = sent.Min(r => r.Id);
        foreach (var group in sent.GroupBy(r => r.AgencyId))
        {
            var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == group.Key, ct);
            var auditors = await AgencyAuditorsAsync(audit.PartnershipId, agency.Id, ct);
            // No active auditor: the agency's returns contact (a shared mailbox) is told instead, so someone knows.
            if (auditors.Count == 0 && agency.ReturnsContactEmail is { } contact)
            {
                var count = group.Count();
                await mail.EnqueueAsync(new MailItem(
                    audit.PartnershipId, "request-sent", contact,
                    $"{Cases(count)} to audit for \"{audit.Title}\", due {group.Min(r => r.DueOn):d MMMM yyyy}",
                    $"""
                    Dear colleague,

                    {agency.Name} has been asked for {Cases(count)} in the multi-agency audit "{audit.Title}" (theme: {audit.Theme}).
                    Returns are due by {group.Min(r => r.DueOn):dddd d MMMM yyyy}.

                    You receive this as the returns contact for {agency.Name} because nobody at the agency has an active Parallax account
                    as its auditor. Ask the partnership's Parallax administrator to invite the person who will complete the returns.

                    {Footer}
                    """,
                    $"sent:{batch}:{agency.Id}:contact", audit.Id, agency.Id), ct);
            }

            foreach (var auditor in auditors)
            {
                var count = group.Count();
                await mail.EnqueueAsync(new MailItem(
                    audit.PartnershipId, "request-sent", auditor.Email,
                    $"{Cases(count)} to audit for \"{audit.Title}\", due {group.Min(r => r.DueOn):d MMMM yyyy}",
                    $"""
                    Dear {auditor.Name},

                    {agency.Name} has been asked for {Cases(count)} in the multi-agency audit "{audit.Title}" (theme: {audit.Theme}).
                    Returns are due by {group.Min(r => r.DueOn):dddd d MMMM yyyy}.

                    Sign in to see the cases, the household members linked to each child, and the audit questions:
                    {settings.SiteUrl}/returns

                    {Footer}
                    """,
                    $"sent:{batch}:{agency.Id}:{auditor.Id}", audit.Id, agency.Id), ct);
            }
        }
    }

    /// <summary>Queues whatever reminders, overdue notices and digests are due now, for every partnership. Returns how many were queued.</summary>
    public async Task<int> ChaseAsync(CancellationToken ct = default)
    {
        if (calendar.TimeOfDay < WorkingHoursStart) return 0;
        var today = calendar.Today;
        var queued = 0;
        var audits = await db.Audits.AsNoTracking().Where(a => a.Status == AuditStatus.ReturnsOpen).ToListAsync(ct);
        foreach (var audit in audits)
        {
            var holidays = await calendar.HolidaysAsync(audit.PartnershipId, ct);
            if (!holidays.IsWorkingDay(today)) continue;
            var open = await db.ReturnRequests.AsNoTracking()
                .Where(r => r.AuditId == audit.Id && Open.Contains(r.Status)).ToListAsync(ct);
            foreach (var group in open.GroupBy(r => (r.AgencyId, r.DueOn)))
            {
                var daysLeft = WorkingDays.Between(today, group.Key.DueOn, holidays);
                if (today > group.Key.DueOn) queued += await QueueAgencyAsync(audit, group.Key.AgencyId, group.ToList(), "overdue", overdue: true, $"overdue:{audit.Id}:{group.Key.AgencyId}:{group.Key.DueOn:yyyyMMdd}", ct);
                else if (daysLeft <= audit.ReminderWorkingDays) queued += await QueueAgencyAsync(audit, group.Key.AgencyId, group.ToList(), "reminder", overdue: false, $"reminder:{audit.Id}:{group.Key.AgencyId}:{group.Key.DueOn:yyyyMMdd}", ct);
            }

            queued += await QueueDigestAsync(audit, today, ct);
        }

        await db.SaveChangesAsync(ct);
        return queued;
    }

    /// <summary>The lead's one-click reminder to an agency with returns still open: at most one a day per agency.</summary>
    public async Task<int> RemindNowAsync(Audit audit, Guid agencyId, CancellationToken ct = default)
    {
        var open = await db.ReturnRequests.AsNoTracking()
            .Where(r => r.AuditId == audit.Id && r.AgencyId == agencyId && Open.Contains(r.Status)).ToListAsync(ct);
        if (open.Count == 0) return 0;
        var today = calendar.Today;
        var queued = await QueueAgencyAsync(audit, agencyId, open, "manual-reminder", overdue: open.Min(r => r.DueOn) < today, $"manual:{audit.Id}:{agencyId}:{today:yyyyMMdd}", ct);
        await db.SaveChangesAsync(ct);
        return queued;
    }

    private async Task<int> QueueAgencyAsync(Audit audit, Guid agencyId, List<ReturnRequest> open, string kind, bool overdue, string key, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == agencyId, ct);
        var due = open.Min(r => r.DueOn);
        var queued = 0;
        foreach (var auditor in await AgencyAuditorsAsync(audit.PartnershipId, agencyId, ct))
        {
            var subject = overdue
                ? $"Overdue: {Cases(open.Count)} for \"{audit.Title}\" were due {due:d MMMM}"
                : $"Reminder: {Cases(open.Count)} for \"{audit.Title}\" due {due:d MMMM}";
            var lead = overdue
                ? $"The returns from {agency.Name} for \"{audit.Title}\" were due on {due:dddd d MMMM yyyy} and {(open.Count == 1 ? "1 is" : $"{open.Count} are")} not yet submitted."
                : $"{agency.Name} has {Cases(open.Count)} not yet submitted for \"{audit.Title}\", due by {due:dddd d MMMM yyyy}.";
            var enqueued = await mail.EnqueueAsync(new MailItem(
                audit.PartnershipId, kind, auditor.Email, subject,
                $"""
                Dear {auditor.Name},

                {lead}
                Drafts you have saved are kept. If your agency does not know a child or the adults linked to them, you can say so on the return, with a reason.
                If you need more time, ask the audit lead for an extension.

                {settings.SiteUrl}/returns

                {Footer}
                """,
                $"{key}:{auditor.Id}", audit.Id, agencyId), ct);
            if (enqueued) queued++;
        }

        return queued;
    }

    private async Task<int> QueueDigestAsync(Audit audit, DateOnly today, CancellationToken ct)
    {
        var requests = await db.ReturnRequests.AsNoTracking().Where(r => r.AuditId == audit.Id && r.Status != ReturnStatus.Draft).ToListAsync(ct);
        if (requests.Count == 0) return 0;
        var submitted = requests.Count(r => r.Status == ReturnStatus.Submitted);
        var notKnown = requests.Count(r => r.Status == ReturnStatus.NotKnownToAgency);
        var overdue = requests.Count(r => Open.Contains(r.Status) && r.DueOn < today);
        var inProgress = requests.Count(r => r.Status == ReturnStatus.InProgress);
        var stuck = await db.OutboxMessages.CountAsync(m => m.AuditId == audit.Id && m.Status != OutboxStatus.Sent && m.Attempts > 0, ct);
        var queued = 0;
        foreach (var lead in await LeadsAsync(audit, ct))
        {
            var enqueued = await mail.EnqueueAsync(new MailItem(
                audit.PartnershipId, "digest", lead.Email, $"Returns for \"{audit.Title}\": {submitted} of {requests.Count - notKnown} submitted",
                $"""
                Dear {lead.Name},

                Returns for "{audit.Title}" on {today:dddd d MMMM yyyy}:
                - submitted: {submitted} of {requests.Count - notKnown} expected
                - in progress: {inProgress}
                - overdue: {overdue}
                - not known to the agency: {notKnown}
                {(stuck > 0 ? $"- e-mails not yet delivered: {stuck} (see the returns dashboard)\n" : "")}
                {settings.SiteUrl}/audits/{audit.Id}

                {Footer}
                """,
                $"digest:{audit.Id}:{lead.Id}:{today:yyyyMMdd}", audit.Id), ct);
            if (enqueued) queued++;
        }

        return queued;
    }

    private sealed record Recipient(Guid Id, string Email, string Name);

    /// <summary>
    /// For each agency, who hears of a request: its active auditors (not deactivated, invitation accepted), or else its
    /// returns contact, or else no one.
    /// </summary>
    public async Task<List<AgencyRecipients>> RecipientsAsync(Guid partnershipId, IReadOnlyCollection<Guid> agencyIds, CancellationToken ct = default)
    {
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId && agencyIds.Contains(a.Id)).OrderBy(a => a.Name).ToListAsync(ct);
        var auditors = await db.MembersInRoles(partnershipId, Roles.AgencyAuditor)
            .Where(m => m.AgencyId != null && agencyIds.Contains(m.AgencyId.Value) && !m.User!.InvitationPending)
            .GroupBy(m => m.AgencyId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return agencies.Select(a => new AgencyRecipients(a, auditors.FirstOrDefault(x => x.Key == a.Id)?.Count ?? 0)).ToList();
    }

    private async Task<List<Recipient>> AgencyAuditorsAsync(Guid partnershipId, Guid agencyId, CancellationToken ct) =>
        await db.MembersInRoles(partnershipId, Roles.AgencyAuditor).Where(m => m.AgencyId == agencyId && !m.User!.InvitationPending)
            .Select(m => new Recipient(m.User!.Id, m.User.Email!, m.User.DisplayName ?? m.User.Email!)).ToListAsync(ct);

    /// <summary>The audit's leads and coordinators; with no team recorded, every audit lead of the partnership.</summary>
    private async Task<List<Recipient>> LeadsAsync(Audit audit, CancellationToken ct)
    {
        var team = db.AuditTeamMembers.Where(m => m.AuditId == audit.Id && (m.Role == AuditTeamRole.Lead || m.Role == AuditTeamRole.Coordinator)).Select(m => m.UserId);
        var users = await team.AnyAsync(ct)
            ? db.MembersOf(audit.PartnershipId).Where(u => team.Contains(u.Id) && u.Email != null)
            : db.InRoles(audit.PartnershipId, Roles.AuditLead);
        return await users.Select(u => new Recipient(u.Id, u.Email!, u.DisplayName ?? u.Email!)).ToListAsync(ct);
    }

    private static string Cases(int count) => count == 1 ? "1 case" : $"{count} cases";

    public const string Footer = "This message was sent by Parallax for your Safeguarding Children Partnership. It contains no case details: they stay behind sign-in.";
}

/// <summary>Who hears of an agency's requests: its active auditors, or its returns contact when it has none.</summary>
public sealed record AgencyRecipients(Agency Agency, int ActiveAuditors)
{
    public bool ToReturnsContact => ActiveAuditors == 0 && Agency.ReturnsContactEmail is not null;

    public bool NoOne => ActiveAuditors == 0 && Agency.ReturnsContactEmail is null;
}
