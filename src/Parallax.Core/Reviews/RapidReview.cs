namespace Parallax.Core.Reviews;

/// <summary>The three statutory safeguarding partners, each of whom signs a Rapid Review off (Working Together 2023, chapter 5).</summary>
public enum SafeguardingPartner
{
    LocalAuthority,
    IntegratedCareBoard,
    Police,
}

/// <summary>What the safeguarding partners decide at the end of a Rapid Review.</summary>
public enum RapidReviewDecision
{
    /// <summary>A local Child Safeguarding Practice Review follows.</summary>
    PracticeReview,

    /// <summary>No practice review: the learning is taken forward another way.</summary>
    NoPracticeReview,
}

public enum AgencySummaryStatus
{
    InProgress,
    Submitted,
}

/// <summary>
/// One agency's summary for a Rapid Review, beside its chronology: its involvement with the child and family, its
/// analysis, the immediate learning and the actions it has already taken. Saved in parts, submitted by the agency's
/// auditor, read by the review's leads.
/// </summary>
public class AgencySummary : VersionedEntity
{
    /// <summary>The agency's chronology request for the same review: the summary belongs beside it.</summary>
    public Guid RequestId { get; set; }

    public Guid ReviewId { get; set; }

    public Guid AgencyId { get; set; }

    public string? Involvement { get; set; }

    public string? Analysis { get; set; }

    public string? ImmediateLearning { get; set; }

    public string? ActionsTaken { get; set; }

    public AgencySummaryStatus Status { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    public required string SavedBy { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? SubmittedBy { get; set; }

    /// <summary>The review lead who entered the summary for an agency that could not (no auditor), or null when the agency wrote it.</summary>
    public string? EnteredByLead { get; set; }

    /// <summary>When the lead last reopened the submitted summary: from then it is owed again, shown and chased, even after the decision.</summary>
    public DateTimeOffset? ReopenedAt { get; set; }

    public static string Describe(AgencySummaryStatus status) => status == AgencySummaryStatus.Submitted ? "Submitted" : "In progress";
}

/// <summary>One safeguarding partner's sign-off of a Rapid Review: who signed for it, in what role, and when.</summary>
public class PartnerSignOff : Entity
{
    public Guid ReviewId { get; set; }

    public SafeguardingPartner Partner { get; set; }

    /// <summary>The person who signed for the partner, as they sign ("J. Smith").</summary>
    public required string SignedBy { get; set; }

    /// <summary>Their role, such as "Director of Children's Services" or "Detective Superintendent, public protection".</summary>
    public required string Role { get; set; }

    public DateOnly SignedOn { get; set; }

    /// <summary>Who recorded the sign-off in Parallax (the lead), and when.</summary>
    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>What the partner signed off without, as the lead confirmed it ("the summary from …"); null when nothing was missing.</summary>
    public string? SignedDespiteMissing { get; set; }

    public static string Describe(SafeguardingPartner partner) => partner switch
    {
        SafeguardingPartner.LocalAuthority => "Local authority",
        SafeguardingPartner.IntegratedCareBoard => "Integrated care board",
        _ => "Police",
    };
}

/// <summary>The stages of a Child Safeguarding Practice Review the partnership keeps against targets.</summary>
public enum MilestoneKind
{
    TermsOfReference,
    ReviewerAppointed,
    FirstDraft,
    FinalReport,
    Publication,
}

/// <summary>One milestone of a practice review that follows a Rapid Review: its target date and the day it was achieved.</summary>
public class ReviewMilestone : Entity
{
    public Guid ReviewId { get; set; }

    public MilestoneKind Kind { get; set; }

    public DateOnly? TargetOn { get; set; }

    public DateOnly? AchievedOn { get; set; }

    public static string Describe(MilestoneKind kind) => kind switch
    {
        MilestoneKind.TermsOfReference => "Terms of reference agreed",
        MilestoneKind.ReviewerAppointed => "Reviewer appointed",
        MilestoneKind.FirstDraft => "First draft",
        MilestoneKind.FinalReport => "Final report",
        _ => "Publication",
    };
}

/// <summary>One dated step of the Rapid Review clock, as the overview lists it.</summary>
public sealed record ClockStage(string Key, string Name, DateOnly DueOn, int WorkingDaysAfterLearning, DateOnly? DoneOn, string? Hint = null, string? NotNeeded = null)
{
    /// <summary>Done on a day, or settled without being done (<see cref="NotNeeded"/> says why).</summary>
    public bool Done => DoneOn is not null || NotNeeded is not null;

    public bool Late(DateOnly today) => NotNeeded is null && (DoneOn is { } done ? done > DueOn : today > DueOn);
}

/// <summary>
/// The Rapid Review clock (decision 0072): every date counts in working days, with the partnership's bank holidays,
/// from the day the local authority learned of the incident (<see cref="PracticeReview.NotifiedOn"/>): the
/// notification to the national panel within 5, the agency summaries, the meeting and the partners' sign-off at the
/// days the lead set (by default 7, 10 and 14), and the Rapid Review itself within 15.
/// </summary>
public static class RapidReviewClock
{
    public const int PanelNotificationWorkingDays = 5;
    public const int RapidReviewWorkingDays = 15;
    public const int DefaultSummariesWorkingDays = 7;
    public const int DefaultMeetingWorkingDays = 10;
    public const int DefaultSignOffWorkingDays = 14;

    public static DateOnly PanelNotificationDue(PracticeReview review, BankHolidays holidays) =>
        WorkingDays.Add(review.NotifiedOn, PanelNotificationWorkingDays, holidays);

    public static DateOnly RapidReviewDue(PracticeReview review, BankHolidays holidays) =>
        WorkingDays.Add(review.NotifiedOn, RapidReviewWorkingDays, holidays);

    public static DateOnly SummariesDue(PracticeReview review, BankHolidays holidays) =>
        review.SummariesDueOn ?? WorkingDays.Add(review.NotifiedOn, DefaultSummariesWorkingDays, holidays);

    public static DateOnly MeetingOn(PracticeReview review, BankHolidays holidays) =>
        review.MeetingOn ?? WorkingDays.Add(review.NotifiedOn, DefaultMeetingWorkingDays, holidays);

    public static DateOnly SignOffDue(PracticeReview review, BankHolidays holidays) =>
        review.SignOffDueOn ?? WorkingDays.Add(review.NotifiedOn, DefaultSignOffWorkingDays, holidays);

    /// <summary>The stages in order, each with its due date and, when done, the day it was done.</summary>
    public static IReadOnlyList<ClockStage> Stages(PracticeReview review, BankHolidays holidays, DateOnly? summariesInOn, DateOnly? signedOffOn, bool noAgencyAsked = false)
    {
        // No agency asked in Parallax once the meeting has been held: the review went on without summaries here (the
        // agencies' accounts came another way), so the stage is settled, not overdue for ever (decision 0081).
        var summariesNotNeeded = noAgencyAsked && review.MeetingHeld && summariesInOn is null ? NoAgencyAsked : null;
        ClockStage Stage(string key, string name, DateOnly due, DateOnly? done, string? hint = null, string? notNeeded = null) =>
            new(key, name, due, WorkingDays.Between(review.NotifiedOn, due, holidays), done, hint, notNeeded);
        var meeting = MeetingOn(review, holidays);
        return
        [
            Stage("panel-notification", "Notification to the national panel", PanelNotificationDue(review, holidays), review.PanelNotifiedOn, "Sent by the local authority within 5 working days"),
            Stage("agency-summaries", "Agency summaries", SummariesDue(review, holidays), summariesInOn, "Every agency on the review submits its summary", summariesNotNeeded),
            Stage("meeting", "Rapid Review meeting", meeting, review.MeetingHeld ? meeting : null),
            Stage("sign-off", "Sign-off by the three safeguarding partners", SignOffDue(review, holidays), signedOffOn),
            Stage("submission", "Rapid Review sent to the national panel", RapidReviewDue(review, holidays), review.SubmittedToPanelOn, "Within 15 working days of learning of the incident"),
        ];
    }

    /// <summary>What the agency summaries stage says when the review went on with no agency asked in Parallax.</summary>
    public const string NoAgencyAsked = "No agency asked in Parallax";

    /// <summary>
    /// Where a stage stands in words that stay true after the day they are written, for documents: "Due 14 January 2027",
    /// "Overdue: due 14 January 2027, not done by 19 January 2027", or "Done 4 May 2025" as <see cref="Countdown"/>.
    /// </summary>
    public static string Standing(ClockStage stage, DateOnly today, BankHolidays holidays)
    {
        if (stage.Done) return Countdown(stage, today, holidays);
        return today <= stage.DueOn
            ? $"Due {stage.DueOn:d MMMM yyyy}"
            : $"Overdue: due {stage.DueOn:d MMMM yyyy}, not done by {today:d MMMM yyyy}";
    }

    /// <summary>"3 working days left", "Due today", "2 working days overdue", "Done 4 May 2025" or "Done 4 May 2025, 1 working day late".</summary>
    public static string Countdown(ClockStage stage, DateOnly today, BankHolidays holidays)
    {
        static string Days(int n) => n == 1 ? "1 working day" : $"{n} working days";
        if (stage.NotNeeded is { } why) return why;
        if (stage.DoneOn is { } done)
        {
            var late = WorkingDays.Between(stage.DueOn, done, holidays);
            return done > stage.DueOn && late > 0 ? $"Done {done:d MMMM yyyy}, {Days(late)} late" : $"Done {done:d MMMM yyyy}";
        }

        if (today == stage.DueOn) return "Due today";
        var left = WorkingDays.Between(today, stage.DueOn, holidays);
        if (today < stage.DueOn) return left == 0 ? "Due on the next working day" : $"{Days(left)} left";
        return $"{Days(Math.Max(1, -left))} overdue";
    }
}
