namespace Parallax.Features.Reviews.Rapid;

/// <summary>What the _RapidClock partial shows: the Rapid Review's stages with their dates and how long is left.</summary>
public sealed record RapidClockView(PracticeReview Review, IReadOnlyList<ClockStage> Stages, BankHolidays Holidays, DateOnly Today)
{
    public string Countdown(ClockStage stage) => RapidReviewClock.Countdown(stage, Today, Holidays);

    /// <summary>The tag's colour: not needed grey, done on time green, done late or overdue red, due within two working days yellow, otherwise blue.</summary>
    public string Tag(ClockStage stage)
    {
        if (stage.NotNeeded is not null) return "govuk-tag--grey";
        if (stage.Done) return stage.Late(Today) ? "govuk-tag--red" : "govuk-tag--green";
        if (stage.Late(Today)) return "govuk-tag--red";
        return WorkingDays.Between(Today, stage.DueOn, Holidays) <= ChronologyChaser.ReminderWorkingDays ? "govuk-tag--yellow" : "govuk-tag--blue";
    }
}
