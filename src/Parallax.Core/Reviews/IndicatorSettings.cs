namespace Parallax.Core.Reviews;

/// <summary>
/// The numbers the cumulative-risk indicators use, kept per review (decision 0064 gives the defaults and why).
/// Each is shown in the indicator's rule in words, so a reader sees exactly what was counted.
/// </summary>
public sealed record IndicatorSettings
{
    /// <summary>Referrals or contacts in one window that make the referrals indicators show.</summary>
    public int ReferralsInWindow { get; init; } = 3;

    /// <summary>The window, in months, for referrals (busiest and before the incident).</summary>
    public int WindowMonths { get; init; } = 12;

    /// <summary>Days after a case closure (no further action) within which a new concern shows.</summary>
    public int ConcernAfterClosureDays { get; init; } = 90;

    /// <summary>Days after a plan closure within which a new referral shows.</summary>
    public int ReReferralAfterPlanDays { get; init; } = 30;

    /// <summary>Months with no agency seeing the child that make the "not seen" indicator show.</summary>
    public int NotSeenMonths { get; init; } = 6;

    /// <summary>Months within which domestic abuse, substance misuse and parental mental health must all be recorded.</summary>
    public int ToxicTrioMonths { get; init; } = 12;

    /// <summary>How many "was not brought" (and each other repeated kind) make the repeat indicators show.</summary>
    public int RepeatCount { get; init; } = 2;

    public static IndicatorSettings Default { get; } = new();

    /// <summary>The sentence that says what is wrong with a value, or null when all are in range.</summary>
    public string? Problem() =>
        ReferralsInWindow is < 2 or > 50 ? "The number of referrals must be between 2 and 50"
        : WindowMonths is < 1 or > 60 ? "The window must be between 1 and 60 months"
        : ConcernAfterClosureDays is < 1 or > 730 ? "The days after a closure must be between 1 and 730"
        : ReReferralAfterPlanDays is < 1 or > 730 ? "The days after a plan closure must be between 1 and 730"
        : NotSeenMonths is < 1 or > 60 ? "The months not seen must be between 1 and 60"
        : ToxicTrioMonths is < 1 or > 120 ? "The months for the toxic trio must be between 1 and 120"
        : RepeatCount is < 2 or > 50 ? "The repeat count must be between 2 and 50"
        : null;
}

/// <summary>What the indicators know about the review beyond the events: the incident, the child and the settings.</summary>
public sealed record IndicatorContext(DateOnly? IncidentOn = null, Guid? ChildId = null, DateOnly? ChildBornOn = null, IndicatorSettings? Settings = null,
    DatePrecision IncidentPrecision = DatePrecision.Day)
{
    /// <summary>The first day after the incident could have happened: the next day, or the 1st of the next month for a month-only incident.</summary>
    public DateOnly? IncidentEnd => IncidentOn is not { } on ? null : IncidentPrecision == DatePrecision.Month ? on.AddMonths(1) : on;

    public IndicatorSettings Rules => Settings ?? IndicatorSettings.Default;
}
