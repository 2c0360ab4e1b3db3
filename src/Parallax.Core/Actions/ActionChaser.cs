namespace Parallax.Core.Actions;

/// <summary>
/// Overdue actions: the owner is told the working day after the due date, and the audit's leads are told
/// (escalation) once the action has been overdue for <see cref="EscalateAfterWorkingDays"/> working days.
/// Each message has a key, so however often this runs each is queued once.
/// </summary>
public sealed class ActionChaser(ParallaxDbContext db, MailQueue mail, MailSettings settings, PartnershipCalendar calendar)
{
    public const int EscalateAfterWorkingDays = 5;

    public async Task<int> ChaseAsync(CancellationToken ct = default)
    {
        if (calendar.TimeOfDay < ReturnChaser.WorkingHoursStart) return 0;
        var today = calendar.Today;
        var queued = 0;
        var due = await (
            from a in db.PlanActions.AsNoTracking()
            where a.DueOn < today && a.Progress != ActionProgress.Complete && a.Progress != ActionProgress.Closed
            join r in db.Recommendations on a.RecommendationId equals r.Id
            join g in db.Agencies on a.OwnerAgencyId equals g.Id
            select new { Action = a, Recommendation = r, Agency = g.Name }).ToListAsync(ct);
        foreach (var item in due)
        {
            var a = item.Action;
            var holidays = await calendar.HolidaysAsync(a.PartnershipId, ct);
            if (!holidays.IsWorkingDay(today)) continue;
            var late = WorkingDays.Between(a.DueOn, today, holidays);
            var subject = $"Overdue action: due {a.DueOn:d MMMM yyyy}";
            var body = $"""
                The action below, owned by {item.Agency}, was due on {a.DueOn:dddd d MMMM yyyy} and is not complete.

                Recommendation {item.Recommendation.Number}: {Shorten(item.Recommendation.Text)}
                Action: {Shorten(a.What)}

                Report progress, with evidence, in Parallax: {settings.SiteUrl}/my-actions/{a.Id}

                This message was sent by Parallax for your Safeguarding Children Partnership.
                """;
            foreach (var owner in await OwnersAsync(a, ct))
            {
                if (await mail.EnqueueAsync(new MailItem(a.PartnershipId, "action-overdue", owner, subject, body, $"action-overdue:{a.Id}:{a.DueOn:yyyyMMdd}:{owner}", item.Recommendation.AuditId, a.OwnerAgencyId), ct))
                    queued++;
            }

            if (late < EscalateAfterWorkingDays) continue;
            foreach (var lead in await LeadsAsync(a.PartnershipId, ct))
            {
                if (await mail.EnqueueAsync(new MailItem(a.PartnershipId, "action-escalated", lead, $"Escalation: an action of {item.Agency} is {late} working days overdue",
                        body.Replace($"{settings.SiteUrl}/my-actions/{a.Id}", $"{settings.SiteUrl}/actions/{a.Id}", StringComparison.Ordinal),
                        $"action-escalated:{a.Id}:{a.DueOn:yyyyMMdd}:{lead}", item.Recommendation.AuditId, a.OwnerAgencyId), ct))
                    queued++;
            }
        }

        await db.SaveChangesAsync(ct);
        return queued;
    }

    /// <summary>The named owner; without one, the agency's action owners and auditors.</summary>
    private async Task<List<string>> OwnersAsync(PlanAction action, CancellationToken ct)
    {
        if (action.OwnerUserId is { } id)
            return await db.Users.Where(u => u.Id == id && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        return await db.MembersInRoles(action.PartnershipId, Roles.ActionOwner, Roles.AgencyAuditor).Where(m => m.AgencyId == action.OwnerAgencyId).Select(m => m.User!.Email!).ToListAsync(ct);
    }

    private async Task<List<string>> LeadsAsync(Guid partnershipId, CancellationToken ct) =>
        await db.InRoles(partnershipId, Roles.AuditLead).Select(u => u.Email!).ToListAsync(ct);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
