namespace Parallax.Core.Reviews;

/// <summary>
/// The e-mail that asks agencies for chronologies and chases them: the notice when requests are sent, a
/// reminder <see cref="ReminderWorkingDays"/> working days before they are due and an overdue notice after,
/// each queued once through the outbox (its key), the same way returns are chased.
/// </summary>
public sealed class ChronologyChaser(ParallaxDbContext db, MailQueue mail, MailSettings settings, PartnershipCalendar calendar)
{
    public const int ReminderWorkingDays = 2;

    private static readonly ChronologyStatus[] Open = [ChronologyStatus.Requested, ChronologyStatus.InProgress];

    /// <summary>Queues the notice to each agency's auditors; returns the agencies e-mailed and those with no auditor to e-mail.</summary>
    public async Task<(IReadOnlyList<Guid> Emailed, IReadOnlyList<Guid> NoContact)> NotifySentAsync(PracticeReview review, IReadOnlyCollection<ChronologyRequest> sent, CancellationToken ct = default)
    {
        var emailed = new List<Guid>();
        var noContact = new List<Guid>();
        var summaryDue = review.Kind == ReviewKind.RapidReview ? RapidReviewClock.SummariesDue(review, await calendar.HolidaysAsync(review.PartnershipId, ct)) : (DateOnly?)null;
        foreach (var request in sent)
        {
            var auditors = await AuditorsAsync(review.PartnershipId, request.AgencyId, ct);
            (auditors.Count > 0 ? emailed : noContact).Add(request.AgencyId);
            await WriteAsync(review.PartnershipId, request.AgencyId, auditors, "chronology-requested",
                $"Chronology requested for the {PracticeReview.Describe(review.Kind)} \"{review.Title}\", due {request.DueOn:d MMMM yyyy}",
                $"""
                Your agency has been asked for its chronology of key activity for the {PracticeReview.Describe(review.Kind)} "{review.Title}",
                covering {review.PeriodFrom:d MMMM yyyy} to {review.PeriodTo:d MMMM yyyy}. It is due by {request.DueOn:dddd d MMMM yyyy}.

                You can enter events one by one or upload a spreadsheet (the template is on the page):
                {settings.SiteUrl}/chronologies/{request.Id}
                {SummaryNotice(summaryDue, request.Id)}
                """,
                $"chronology-sent:{request.Id}", ct);
        }

        return (emailed, noContact);
    }

    /// <summary>Queues the reminders and overdue notices due today; returns how many were queued.</summary>
    public async Task<int> ChaseAsync(CancellationToken ct = default)
    {
        if (calendar.TimeOfDay < Returns.ReturnChaser.WorkingHoursStart) return 0;
        var today = calendar.Today;
        var open = await (from r in db.ChronologyRequests.AsNoTracking()
                          join v in db.PracticeReviews on r.ReviewId equals v.Id
                          where Open.Contains(r.Status)
                          select new { Request = r, v.PartnershipId, v.Title }).ToListAsync(ct);
        var queued = 0;
        foreach (var item in open)
        {
            var holidays = await calendar.HolidaysAsync(item.PartnershipId, ct);
            var request = item.Request;
            if (Chase(today, request.DueOn, holidays) is not { } chase) continue;
            var overdue = chase == Overdue;
            queued += await WriteAsync(item.PartnershipId, request.AgencyId, await AuditorsAsync(item.PartnershipId, request.AgencyId, ct), $"chronology-{chase}",
                overdue
                    ? $"Overdue: your chronology for \"{item.Title}\" was due {request.DueOn:d MMMM}"
                    : $"Reminder: your chronology for \"{item.Title}\" is due {request.DueOn:d MMMM}",
                $"""
                {(overdue ? $"Your agency's chronology for \"{item.Title}\" was due on {request.DueOn:dddd d MMMM yyyy} and has not been submitted." : $"Your agency's chronology for \"{item.Title}\" is due by {request.DueOn:dddd d MMMM yyyy}.")}
                Events you have entered are kept. If you need more time, ask the review lead.

                {settings.SiteUrl}/chronologies/{request.Id}
                """,
                $"chronology-{chase}:{request.Id}:{request.DueOn:yyyyMMdd}", ct);
        }

        queued += await ChaseSummariesAsync(today, ct);
        await db.SaveChangesAsync(ct);
        return queued;
    }

    /// <summary>
    /// The agency summaries of Rapid Reviews still running, and those the lead reopened at any time: a reminder <see cref="ReminderWorkingDays"/> working days
    /// before they are due and an overdue notice after, to each agency that has not submitted one, keyed like chronologies'.
    /// </summary>
    private async Task<int> ChaseSummariesAsync(DateOnly today, CancellationToken ct)
    {
        var open = await (from r in db.ChronologyRequests.AsNoTracking()
                          join v in db.PracticeReviews.AsNoTracking() on r.ReviewId equals v.Id
                          where v.Kind == ReviewKind.RapidReview && r.Status != ChronologyStatus.Draft
                              && !db.AgencySummaries.Any(s => s.RequestId == r.Id && s.Status == AgencySummaryStatus.Submitted)
                              && ((v.Decision == null && v.SubmittedToPanelOn == null) || db.AgencySummaries.Any(s => s.RequestId == r.Id && s.ReopenedAt != null))
                          select new { Request = r, Review = v }).ToListAsync(ct);
        var queued = 0;
        foreach (var item in open)
        {
            var holidays = await calendar.HolidaysAsync(item.Review.PartnershipId, ct);
            var due = RapidReviewClock.SummariesDue(item.Review, holidays);
            if (Chase(today, due, holidays) is not { } chase) continue;
            var overdue = chase == Overdue;
            var request = item.Request;
            queued += await WriteAsync(item.Review.PartnershipId, request.AgencyId, await AuditorsAsync(item.Review.PartnershipId, request.AgencyId, ct), $"summary-{chase}",
                overdue
                    ? $"Overdue: your agency summary for the Rapid Review \"{item.Review.Title}\" was due {due:d MMMM}"
                    : $"Reminder: your agency summary for the Rapid Review \"{item.Review.Title}\" is due {due:d MMMM}",
                $"""
                {(overdue ? $"Your agency's summary for the Rapid Review \"{item.Review.Title}\" was due on {due:dddd d MMMM yyyy} and has not been submitted." : $"Your agency's summary for the Rapid Review \"{item.Review.Title}\" is due by {due:dddd d MMMM yyyy}.")}
                A Rapid Review must be completed within 15 working days of the local authority learning of the incident, so the
                partners need every agency's summary before their meeting. What you have saved is kept.

                {settings.SiteUrl}/chronologies/{request.Id}/summary
                """,
                $"summary-{chase}:{request.Id}:{due:yyyyMMdd}", ct);
        }

        return queued;
    }

    /// <summary>
    /// Tells each agency asked whose summary is not submitted that the lead moved the summaries' due date, in the
    /// caller's save; returns how many agencies were told. Keyed by the new date, so moving it back and forth tells them each time.
    /// </summary>
    public async Task<int> NotifySummariesMovedAsync(PracticeReview review, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var asked = await db.ChronologyRequests.AsNoTracking()
            .Where(r => r.ReviewId == review.Id && r.Status != ChronologyStatus.Draft
                && !db.AgencySummaries.Any(s => s.RequestId == r.Id && s.Status == AgencySummaryStatus.Submitted))
            .ToListAsync(ct);
        var told = 0;
        foreach (var request in asked)
        {
            var recipients = await RecipientsAsync(review.PartnershipId, request.AgencyId, ct);
            if (recipients.Count > 0) told++;
            await WriteAsync(review.PartnershipId, request.AgencyId, recipients, "summary-date-moved",
                $"New date: your agency summary for the Rapid Review \"{review.Title}\" is now due {to:d MMMM yyyy}",
                $"""
                The review lead has moved the date your agency's summary for the Rapid Review "{review.Title}" is due,
                from {from:dddd d MMMM yyyy} to {to:dddd d MMMM yyyy}. What you have saved is kept.

                {settings.SiteUrl}/chronologies/{request.Id}/summary
                """,
                $"summary-date-moved:{request.Id}:{to:yyyyMMdd}", ct);
        }

        return told;
    }

    /// <summary>Tells the agency that the lead reopened its submitted summary, in the caller's save; false when there is nobody to tell.</summary>
    public async Task<bool> NotifySummaryReopenedAsync(PracticeReview review, AgencySummary summary, DateOnly due, CancellationToken ct = default)
    {
        var recipients = await RecipientsAsync(review.PartnershipId, summary.AgencyId, ct);
        await WriteAsync(review.PartnershipId, summary.AgencyId, recipients, "summary-reopened",
            $"Your agency summary for the Rapid Review \"{review.Title}\" has been reopened",
            $"""
            The review lead has reopened your agency's summary for the Rapid Review "{review.Title}" so that it can be corrected.
            Change what needs changing and submit it again{(due > calendar.Today ? $" by {due:dddd d MMMM yyyy}" : " as soon as you can")}.

            {settings.SiteUrl}/chronologies/{summary.RequestId}/summary
            """,
            $"summary-reopened:{summary.Id}:{summary.ReopenedAt:yyyyMMddHHmmss}", ct);
        return recipients.Count > 0;
    }

    /// <summary>The agency's auditors, or when it has none the contact address it keeps for requests (decision 0076).</summary>
    private async Task<List<(string Key, string Email, string Name)>> RecipientsAsync(Guid partnershipId, Guid agencyId, CancellationToken ct)
    {
        var auditors = await AuditorsAsync(partnershipId, agencyId, ct);
        if (auditors.Count > 0) return auditors;
        var contact = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.ReturnsContactEmail).SingleOrDefaultAsync(ct);
        return contact is null ? [] : [("contact", contact, "colleague")];
    }

    private string SummaryNotice(DateOnly? due, Guid requestId) => due is { } day
        ? $"\nThis is a Rapid Review: your agency also writes its agency summary (involvement, analysis, immediate learning and actions already taken), due by {day:dddd d MMMM yyyy}:\n{settings.SiteUrl}/chronologies/{requestId}/summary\n"
        : "";

    /// <summary>The agency's auditors, each keyed by its user id.</summary>
    private async Task<List<(string Key, string Email, string Name)>> AuditorsAsync(Guid partnershipId, Guid agencyId, CancellationToken ct) =>
        [.. (await db.MembersInRoles(partnershipId, Roles.AgencyAuditor).Where(m => m.AgencyId == agencyId).Select(m => m.User!)
            .Select(u => new { u.Id, Email = u.Email!, Name = u.DisplayName ?? u.Email! }).ToListAsync(ct)).Select(u => (u.Id.ToString(), u.Email, u.Name))];

    private const string Overdue = "overdue";

    /// <summary>"reminder" within <see cref="ReminderWorkingDays"/> working days of the due date, "overdue" after it; null when nothing is due today.</summary>
    private static string? Chase(DateOnly today, DateOnly due, BankHolidays holidays)
    {
        if (!holidays.IsWorkingDay(today)) return null;
        if (today > due) return Overdue;
        return WorkingDays.Between(today, due, holidays) > ReminderWorkingDays ? null : "reminder";
    }

    /// <summary>Queues the letter to each recipient, keyed by <paramref name="key"/> and the recipient's key; returns how many were queued.</summary>
    private async Task<int> WriteAsync(Guid partnershipId, Guid agencyId, IEnumerable<(string Key, string Email, string Name)> recipients, string kind, string subject, string text, string key, CancellationToken ct)
    {
        var queued = 0;
        foreach (var (recipient, email, name) in recipients)
        {
            if (await mail.EnqueueAsync(new MailItem(partnershipId, kind, email, subject, Letter(name, text), $"{key}:{recipient}", AgencyId: agencyId), ct)) queued++;
        }

        return queued;
    }

    private static string Letter(string name, string text) => $"""
        Dear {name},

        {text}

        {Footer}
        """;

    private const string Footer = Returns.ReturnChaser.Footer;
}
