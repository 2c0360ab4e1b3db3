namespace Parallax.Features.Reviews.Rapid;

/// <summary>
/// A Rapid Review's statutory process (decision 0072): its clock, the dates the lead sets and records, where the agency
/// summaries and the partners' sign-off are, and the submission pack to the national panel in Word and PDF.
/// </summary>
public class RapidModel(PracticeReviews reviews, RapidReviews rapid, ReviewReports reports, ParallaxDbContext db, PartnershipCalendar calendar) : PageModel, IShowsRefusals
{
    public static readonly string[] DateFields = [nameof(PanelNotifiedOn), nameof(SummariesDueOn), nameof(MeetingOn), nameof(SignOffDueOn), nameof(SubmittedToPanelOn)];

    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public Guid Version { get; set; }

    [BindProperty] public DateParts PanelNotifiedOn { get; set; } = new();

    [BindProperty] public DateParts SummariesDueOn { get; set; } = new();

    [BindProperty] public DateParts MeetingOn { get; set; } = new();

    [BindProperty] public bool MeetingHeld { get; set; }

    [BindProperty] public DateParts SignOffDueOn { get; set; } = new();

    [BindProperty] public DateParts SubmittedToPanelOn { get; set; } = new();

    public PracticeReview Review { get; private set; } = null!;

    public RapidClockView Clock { get; private set; } = null!;

    public IReadOnlyList<(ChronologyRequest Request, string Agency, AgencySummary? Summary)> Summaries { get; private set; } = [];

    public IReadOnlyList<PartnerSignOff> SignOffs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        var holidays = Clock.Holidays;
        Version = Review.Version;
        PanelNotifiedOn = DateParts.From(Review.PanelNotifiedOn);
        SummariesDueOn = DateParts.From(RapidReviewClock.SummariesDue(Review, holidays));
        MeetingOn = DateParts.From(RapidReviewClock.MeetingOn(Review, holidays));
        MeetingHeld = Review.MeetingHeld;
        SignOffDueOn = DateParts.From(RapidReviewClock.SignOffDue(Review, holidays));
        SubmittedToPanelOn = DateParts.From(Review.SubmittedToPanelOn);
        return Page();
    }

    public Task<FileContentResult> OnGetPackAsync() => PackAsync(ReportFormat.Docx);

    public Task<FileContentResult> OnGetPackPdfAsync() => PackAsync(ReportFormat.Pdf);

    private async Task<FileContentResult> PackAsync(ReportFormat format)
    {
        await LoadAsync();
        var ct = HttpContext.RequestAborted;
        return await ReviewDisplay.DownloadAsync(reports, Review, await reports.SubmissionPackAsync(Review, ct), format, "Rapid Review submission", ct);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var tracked = await reviews.FindAsync(User.SignedInPartnershipId(), Id);
        ViewData["FieldOrder"] = DateFields.Select(f => $"{f}.Day").Append(nameof(MeetingHeld)).ToArray();
        DateOnly? Parse(DateParts parts, string field, string what)
        {
            var date = parts.Parse(what, required: false, out var problem);
            if (problem is not null) ModelState.AddModelError($"{field}.Day", problem);
            return date;
        }

        var dates = new RapidReviewDates(
            Parse(PanelNotifiedOn, nameof(PanelNotifiedOn), "the date the national panel was notified"),
            Parse(SummariesDueOn, nameof(SummariesDueOn), "the date agency summaries are due"),
            Parse(MeetingOn, nameof(MeetingOn), "the date of the meeting"),
            MeetingHeld,
            Parse(SignOffDueOn, nameof(SignOffDueOn), "the date sign-off is due"),
            Parse(SubmittedToPanelOn, nameof(SubmittedToPanelOn), "the date the Rapid Review was sent"));
        if (ModelState.IsValid)
        {
            var told = await rapid.SetDatesAsync(tracked, dates, Version);
            TempData["Notification"] = "The Rapid Review's dates are saved."
                + (told > 0 ? $" {(told == 1 ? "1 agency" : $"{told} agencies")} still to send a summary {(told == 1 ? "has" : "have")} been e-mailed the new date." : "");
            return RedirectToPage("/Reviews/Rapid/Rapid", new { id = Id });
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => LoadAsync();

    private async Task LoadAsync()
    {
        var review = Review = HttpContext.LoadedRecord<PracticeReview>();
        var (stages, holidays) = await rapid.StagesAsync(review);
        Clock = new RapidClockView(review, stages, holidays, calendar.Today);
        Summaries = await rapid.SummariesAsync(review);
        SignOffs = await rapid.SignOffsAsync(review.Id);
    }
}
