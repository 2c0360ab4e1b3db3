namespace Parallax.Features.Reviews.Open;

/// <summary>One review: its details, the agencies asked for chronologies and where each is, the learning, the report and the audit it leads to.</summary>
public class OverviewModel(PracticeReviews reviews, ReviewOpening opening, ReviewChronology mergedChronology, RapidReviews rapid, ReviewReports reports, ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public Guid? AgencyId { get; set; }

    [BindProperty] public string? WorkingDays { get; set; } = ReviewOpening.DefaultChronologyWorkingDays.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public PracticeReview Review { get; private set; } = null!;

    public Case Subject { get; private set; } = null!;

    public ReviewHousehold Household { get; private set; } = null!;

    public IReadOnlyList<ChronologyRequestRow> Requests { get; private set; } = [];

    public IReadOnlyList<Agency> OtherAgencies { get; private set; } = [];

    public IReadOnlyDictionary<LearningKind, int> Learning { get; private set; } = new Dictionary<LearningKind, int>();

    public IReadOnlyList<(Guid Id, string Title)> Audits { get; private set; } = [];

    public int SubmittedEvents { get; private set; }

    public int IndicatorsShown { get; private set; }

    /// <summary>A Rapid Review's clock (decision 0072); null for other kinds of review.</summary>
    public Rapid.RapidClockView? RapidClock { get; private set; }

    /// <summary>For a Rapid Review, each agency's summary by its chronology request.</summary>
    public IReadOnlyDictionary<Guid, AgencySummaryStatus> SummaryStatus { get; private set; } = new Dictionary<Guid, AgencySummaryStatus>();

    public DateOnly Today => calendar.Today;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        // A Rapid Review's chronologies are offered due no later than the Rapid Review itself.
        if (RapidClock is { } clock && Review.RapidReviewDueOn is { } rapidDue)
        {
            var left = Core.Calendar.WorkingDays.Between(Today, rapidDue, clock.Holidays);
            if (left is >= 1 and < ReviewOpening.DefaultChronologyWorkingDays) WorkingDays = left.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }

    /// <summary>
    /// The stages of a Rapid Review, not yet done, that come before its chronologies are due, in words ("the Rapid Review
    /// meeting (6 May 2025)"): the partners would meet, sign off or send the Rapid Review without them. Empty otherwise.
    /// </summary>
    public IReadOnlyList<string> ChronologiesTooLateFor => RapidClock is { } clock && Review.ChronologiesDueOn is { } chronologies
        ? [.. clock.Stages.Where(s => !s.Done && chronologies > s.DueOn && s.Key is "meeting" or "sign-off" or "submission")
            .Select(s => s.Key switch
            {
                "meeting" => $"the Rapid Review meeting ({s.DueOn:d MMMM yyyy})",
                "sign-off" => $"the date sign-off is due ({s.DueOn:d MMMM yyyy})",
                _ => $"the date the Rapid Review itself is due ({s.DueOn:d MMMM yyyy})",
            })]
        : [];

    public Task<FileContentResult> OnGetReportAsync() => ReportAsync(ReportFormat.Docx);

    public Task<FileContentResult> OnGetReportPdfAsync() => ReportAsync(ReportFormat.Pdf);

    private async Task<FileContentResult> ReportAsync(ReportFormat format)
    {
        await LoadAsync();
        var ct = HttpContext.RequestAborted;
        return await ReviewDisplay.DownloadAsync(reports, Review, await reports.ReportAsync(Review, ct), format, "review report", ct);
    }

    public Task<IActionResult> OnPostAddAgencyAsync() => ChangeAsync(r => opening.AddAgencyAsync(r, AgencyId), "The agency is added. Ask it for its chronology when the list is complete.");

    public Task<IActionResult> OnPostRemoveAgencyAsync(Guid requestId) => ChangeAsync(r => opening.RemoveAgencyAsync(r, requestId), "The agency is removed from the review.");

    public Task<IActionResult> OnPostReopenAsync(Guid requestId) => ChangeAsync(r => opening.ReopenAsync(r, requestId), "The chronology is reopened: the agency can change it and submit it again.");

    public async Task<IActionResult> OnPostSendAsync()
    {
        if (!int.TryParse(WorkingDays, out var days))
        {
            await LoadAsync();
            ModelState.AddModelError(nameof(WorkingDays), "Working days to return must be a whole number, like 10");
            return Page();
        }

        return await ChangeAsync(async r =>
        {
            var sent = await opening.SendRequestsAsync(r, days);
            // Says only what is true: which agencies' auditors were e-mailed, and which have nobody to e-mail.
            TempData["Notification"] = $"{(sent.Count == 1 ? "1 agency has" : $"{sent.Count} agencies have")} been asked for a chronology, due {r.ChronologiesDueOn:d MMMM yyyy}."
                + (sent.Emailed.Count > 0 ? $" E-mailed: {Core.Reports.ReportText.Join([.. sent.Emailed])}." : "")
                + (sent.NoContact.Count > 0 ? $" Not e-mailed, because no agency auditor is set up: {Core.Reports.ReportText.Join([.. sent.NoContact])}. Tell them another way, or add an auditor for them." : "")
                + (r.Kind == ReviewKind.RapidReview && r.ChronologiesDueOn > r.RapidReviewDueOn
                    ? $" That is after the Rapid Review itself is due ({r.RapidReviewDueOn:d MMMM yyyy}): the partners will not have the chronologies in time."
                    : "");
        }, null);
    }

    private async Task<IActionResult> ChangeAsync(Func<PracticeReview, Task> change, string? done)
    {
        var review = await reviews.FindAsync(User.SignedInPartnershipId(), Id);

        await change(review);
        if (done is not null) TempData["Notification"] = done;
        return RedirectToPage("/Reviews/Open/Overview", new { id = Id });
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => LoadAsync();

    private async Task LoadAsync()
    {
        var partnership = User.SignedInPartnershipId();
        var review = Review = HttpContext.LoadedRecord<PracticeReview>();
        Household = await reviews.HouseholdAsync(review);
        Subject = Household.Subject;
        Requests = await reviews.RequestsAsync(review);
        var involved = Requests.Select(r => r.AgencyId).ToList();
        OtherAgencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnership && a.RetiredAt == null && !involved.Contains(a.Id)).OrderBy(a => a.Name).ToListAsync();
        Learning = await db.ReviewLearnings.Where(l => l.ReviewId == Id).GroupBy(l => l.Kind).ToDictionaryAsync(g => g.Key, g => g.Count());
        Audits = [.. (await db.Audits.AsNoTracking().Where(a => a.ReviewId == Id).OrderBy(a => a.CreatedAt).Select(a => new { a.Id, a.Title }).ToListAsync()).Select(a => (a.Id, a.Title))];
        var events = await mergedChronology.SubmittedEventsAsync(Id);
        SubmittedEvents = events.Count;
        IndicatorsShown = CumulativeRisk.Compute(events, ReviewChronology.Context(review)).Count(i => i.Fired);
        if (review.Kind == ReviewKind.RapidReview)
        {
            var (stages, holidays) = await rapid.StagesAsync(review);
            RapidClock = new Rapid.RapidClockView(review, stages, holidays, calendar.Today);
            SummaryStatus = await db.AgencySummaries.AsNoTracking().Where(s => s.ReviewId == Id).ToDictionaryAsync(s => s.RequestId, s => s.Status);
        }

    }

}
