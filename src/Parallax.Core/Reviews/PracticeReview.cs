namespace Parallax.Core.Reviews;

/// <summary>The kinds of review a partnership runs after a serious incident (GLOSSARY "Rapid Review", "CSPR").</summary>
public enum ReviewKind
{
    RapidReview,
    PracticeReview,
    OtherLearningReview,
}

/// <summary>A review's stages, in order.</summary>
public enum ReviewStatus
{
    Scoping,
    ChronologiesRequested,
    Analysis,
    Drafting,
    Published,
    Closed,
}

/// <summary>Who reads the merged chronology: only the review's leads, or also the agencies that contributed to it.</summary>
public enum ChronologyAccess
{
    LeadsOnly,
    ContributingAgencies,
}

/// <summary>
/// A Rapid Review, Child Safeguarding Practice Review or other learning review of one child's case: its terms
/// of reference, the agencies asked for chronologies, the narrative sections of its report and its learning.
/// The subject is a pseudonymised case of the partnership's register (UIN, initials, household by role).
/// </summary>
public class PracticeReview : VersionedEntity, IPartnershipOwned
{
    public Guid PartnershipId { get; set; }

    public ReviewKind Kind { get; set; }

    /// <summary>How the review is known, e.g. "Child T" or "Rapid Review 2026/03".</summary>
    public required string Title { get; set; }

    /// <summary>The child the review is about, with the household.</summary>
    public Guid SubjectCaseId { get; set; }

    public required string TriggerIncident { get; set; }

    /// <summary>The day of the incident, or the 1st of its month when only the month is known (<see cref="IncidentPrecision"/>).</summary>
    public DateOnly IncidentOn { get; set; }

    /// <summary>Day, or Month when a review learns of an incident only by its month ("March 2025").</summary>
    public DatePrecision IncidentPrecision { get; set; }

    /// <summary>The incident's date as known: "2 March 2025" or "March 2025".</summary>
    public string IncidentDate => DescribeIncident(IncidentOn, IncidentPrecision);

    /// <summary>When the partnership was notified of the serious incident: a Rapid Review is due 15 working days later.</summary>
    public DateOnly NotifiedOn { get; set; }

    public DateOnly? RapidReviewDueOn { get; set; }

    // ---- The Rapid Review process (decision 0072): dates counted from NotifiedOn, the day the local authority learned of the incident ----

    /// <summary>The day the local authority sent its notification of the serious incident to the national panel.</summary>
    public DateOnly? PanelNotifiedOn { get; set; }

    /// <summary>When agencies' summaries are due; null for the default, 7 working days after learning of the incident.</summary>
    public DateOnly? SummariesDueOn { get; set; }

    /// <summary>The day of the Rapid Review meeting; null for the default, 10 working days after learning of the incident.</summary>
    public DateOnly? MeetingOn { get; set; }

    public bool MeetingHeld { get; set; }

    /// <summary>When the three partners' sign-off is due; null for the default, 14 working days after learning of the incident.</summary>
    public DateOnly? SignOffDueOn { get; set; }

    /// <summary>The day the Rapid Review was sent to the national panel.</summary>
    public DateOnly? SubmittedToPanelOn { get; set; }

    /// <summary>Whether a Child Safeguarding Practice Review follows; recorded only once all three partners have signed off (decision 0073).</summary>
    public RapidReviewDecision? Decision { get; set; }

    public string? DecisionReasons { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    /// <summary>What the decision was recorded without, as the lead confirmed it ("the summary from …"); null when nothing was missing.</summary>
    public string? DecidedDespiteMissing { get; set; }

    public string? TermsOfReference { get; set; }

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    /// <summary>The lead reviewer or author, as the report credits them.</summary>
    public string? Author { get; set; }

    public ReviewStatus Status { get; set; }

    public DateOnly? ChronologiesDueOn { get; set; }

    public DateOnly? PublishedOn { get; set; }

    /// <summary>The numbers the chronology's indicators use (decision 0064).</summary>
    public IndicatorSettings Indicators { get; set; } = new();

    /// <summary>The child's date of birth, for the "injury to a baby under one" indicator; month precision is enough.</summary>
    public DateOnly? ChildBornOn { get; set; }

    public ChronologyAccess ChronologyAccess { get; set; }

    /// <summary>When the lead allows it, panel members and viewers of the partnership read the review (its overview, merged chronology and learning) without changing it; off by default (decision 0071).</summary>
    public bool PanelCanRead { get; set; }

    public string? Introduction { get; set; }

    public string? Process { get; set; }

    public string? FamilyBackground { get; set; }

    public string? Analysis { get; set; }

    public string? Conclusion { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static string Describe(ReviewKind kind) => kind switch
    {
        ReviewKind.RapidReview => "Rapid Review",
        ReviewKind.PracticeReview => "Child Safeguarding Practice Review",
        _ => "Other learning review",
    };

    public static string DescribeIncident(DateOnly on, DatePrecision precision) =>
        precision == DatePrecision.Month ? on.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture) : on.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static string Describe(ReviewStatus status) => status switch
    {
        ReviewStatus.ChronologiesRequested => "Chronologies requested",
        _ => status.ToString(),
    };
}

public enum ChronologyStatus
{
    /// <summary>Added to the review, not yet sent to the agency.</summary>
    Draft,
    Requested,
    InProgress,
    Submitted,
}

/// <summary>One agency asked for its chronology of key activity for one review.</summary>
public class ChronologyRequest : VersionedEntity
{
    public Guid ReviewId { get; set; }

    public Guid AgencyId { get; set; }

    public ChronologyStatus Status { get; set; }

    public DateOnly DueOn { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? SubmittedBy { get; set; }
}

/// <summary>How exact a chronology date is: "14 June 2017", "June 2017" or "2017".</summary>
public enum DatePrecision
{
    Day,
    Month,
    Year,
}

/// <summary>One event in one agency's chronology.</summary>
public class ChronologyEvent : Entity
{
    public Guid RequestId { get; set; }

    public Guid ReviewId { get; set; }

    public Guid AgencyId { get; set; }

    /// <summary>The first day the date covers: the 1st of the month for "June 2017".</summary>
    public DateOnly StartsOn { get; set; }

    public DatePrecision Precision { get; set; }

    /// <summary>For a range ("November 2018 - April 2019"): where it ends, at its own precision.</summary>
    public DateOnly? EndsOn { get; set; }

    public DatePrecision? EndPrecision { get; set; }

    public TimeOnly? Time { get; set; }

    public required string Text { get; set; }

    /// <summary>Who in the household it involves: the subject case's id for the child, household member ids for the others.</summary>
    public List<Guid> PeopleIds { get; set; } = [];

    public string? SourceReference { get; set; }

    public string? AgencyComment { get; set; }

    public Guid? EventTypeId { get; set; }

    /// <summary>The event's other types: an event can be a police attendance, a domestic abuse incident and substance misuse at once.</summary>
    public List<Guid> MoreTypeIds { get; set; } = [];

    /// <summary>Why the type was suggested: the words that matched, as "Injury: bruise; Police attendance: officers attended". Null once typed by hand.</summary>
    public string? SuggestedBecause { get; set; }

    /// <summary>Who last changed the types on the merged view (the lead), shown beside the type.</summary>
    public string? RetypedBy { get; set; }

    /// <summary>False while the type is only the one suggested from the event's words.</summary>
    public bool TypeConfirmed { get; set; }

    /// <summary>The order the agency gave it (row of the upload or order of entry), to keep its same-day events in order.</summary>
    public int Order { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public ChronologyDate Date => new(StartsOn, Precision, EndsOn, EndPrecision);
}

/// <summary>What a cumulative-risk indicator looks for in an event type. Types without a signal are for reading only.</summary>
public enum EventSignal
{
    None,
    ReferralToChildrensSocialCare,
    ClosedNoFurtherAction,
    DomesticAbuseIncident,
    WasNotBrought,
    SchoolAttendanceLetter,
    AnonymousConcern,
    PlanClosed,
    ContactOrConcern,
    Assessment,
    StrategyDiscussion,
    PlanStarted,
    SubstanceMisuse,
    ParentalMentalHealth,
    MissingFromEducation,
    Injury,
    PoliceAttendance,
    Other,
}

/// <summary>A type of chronology event from the partnership's small, editable list.</summary>
public class ChronologyEventType : VersionedEntity, IPartnershipOwned
{
    public Guid PartnershipId { get; set; }

    public required string Name { get; set; }

    public EventSignal Signal { get; set; }

    /// <summary>Words and phrases that suggest this type, separated by semicolons ("was not brought; WNB; did not attend").</summary>
    public string Keywords { get; set; } = "";

    public int Order { get; set; }
}

public enum LearningKind
{
    LearningPoint,
    GoodPractice,
    QuestionForPartnership,
    Recommendation,
}

/// <summary>A numbered learning point, an example of good practice, a question for the partnership or a recommendation.</summary>
public class ReviewLearning : VersionedEntity
{
    public Guid ReviewId { get; set; }

    public LearningKind Kind { get; set; }

    /// <summary>Numbered within its kind: learning point 1, 2...</summary>
    public int Number { get; set; }

    public required string Text { get; set; }

    /// <summary>The partnership theme it belongs to, so it shows in learning over time.</summary>
    public Guid? ThemeId { get; set; }

    /// <summary>For a recommendation taken into the action plan.</summary>
    public Guid? RecommendationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static string Describe(LearningKind kind) => kind switch
    {
        LearningKind.LearningPoint => "Learning point",
        LearningKind.GoodPractice => "Good practice",
        LearningKind.QuestionForPartnership => "Question for the partnership",
        _ => "Recommendation",
    };
}
