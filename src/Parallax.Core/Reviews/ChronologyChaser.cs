using Microsoft.EntityFrameworkCore;
using Parallax.Core.Calendar;
using Parallax.Core.Data;
using Parallax.Core.Mail;
using Parallax.Core.Users;

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

    public async Task NotifySentAsync(PracticeReview review, IReadOnlyCollection<ChronologyRequest> sent, CancellationToken ct = default)
    {
        foreach (var request in sent)
        {
            foreach (var (id, email, name) in await AuditorsAsync(review.PartnershipId, request.AgencyId, ct))
            {
                await mail.EnqueueAsync(new MailItem(
                    review.PartnershipId, "chronology-requested", email,
                    $"Chronology requested for the {PracticeReview.Describe(review.Kind)} \"{review.Title}\", due {request.DueOn:d MMMM yyyy}",
                    $"""
                    Dear {name},

                    Your agency has been asked for its chronology of key activity for the {PracticeReview.Describe(review.Kind)} "{review.Title}",
                    covering {review.PeriodFrom:d MMMM yyyy} to {review.PeriodTo:d MMMM yyyy}. It is due by {request.DueOn:dddd d MMMM yyyy}.

                    You can enter events one by one or upload a spreadsheet (the template is on the page):
                    {settings.SiteUrl}/chronologies/{request.Id}

                    {Footer}
                    """,
                    $"chronology-sent:{request.Id}:{id}", AgencyId: request.AgencyId), ct);
            }
        }
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
            if (!holidays.IsWorkingDay(today)) continue;
            var request = item.Request;
            var overdue = today > request.DueOn;
            if (!overdue && WorkingDays.Between(today, request.DueOn, holidays) > ReminderWorkingDays) continue;
            foreach (var (id, email, name) in await AuditorsAsync(item.PartnershipId, request.AgencyId, ct))
            {
                var subject = overdue
                    ? $"Overdue: your chronology for \"{item.Title}\" was due {request.DueOn:d MMMM}"
                    : $"Reminder: your chronology for \"{item.Title}\" is due {request.DueOn:d MMMM}";
                if (await mail.EnqueueAsync(new MailItem(
                        item.PartnershipId, overdue ? "chronology-overdue" : "chronology-reminder", email, subject,
                        $"""
                        Dear {name},

                        {(overdue ? $"Your agency's chronology for \"{item.Title}\" was due on {request.DueOn:dddd d MMMM yyyy} and has not been submitted." : $"Your agency's chronology for \"{item.Title}\" is due by {request.DueOn:dddd d MMMM yyyy}.")}
                        Events you have entered are kept. If you need more time, ask the review lead.

                        {settings.SiteUrl}/chronologies/{request.Id}

                        {Footer}
                        """,
                        $"chronology-{(overdue ? "overdue" : "reminder")}:{request.Id}:{request.DueOn:yyyyMMdd}:{id}", AgencyId: request.AgencyId), ct))
                {
                    queued++;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return queued;
    }

    private async Task<List<(Guid Id, string Email, string Name)>> AuditorsAsync(Guid partnershipId, Guid agencyId, CancellationToken ct) =>
        [.. (await db.MembersInRoles(partnershipId, Roles.AgencyAuditor).Where(m => m.AgencyId == agencyId).Select(m => m.User!)
            .Select(u => new { u.Id, Email = u.Email!, Name = u.DisplayName ?? u.Email! }).ToListAsync(ct)).Select(u => (u.Id, u.Email, u.Name))];

    private const string Footer = Returns.ReturnChaser.Footer;
}
