namespace Parallax.Features.ReviewReading;

/// <summary>A review, read-only: its details, the agencies and where their chronologies are, and the learning. Nothing here changes it.</summary>
public class OverviewModel(PracticeReviews reviews, ParallaxDbContext db, RapidReviews rapid, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public PracticeReview Review { get; private set; } = null!;

    public ReviewHousehold Household { get; private set; } = null!;

    public Case Subject { get; private set; } = null!;

    public IReadOnlyList<ChronologyRequestRow> Requests { get; private set; } = [];

    public IReadOnlyList<ReviewLearning> Learning { get; private set; } = [];

    /// <summary>A Rapid Review's statutory clock, as its lead sees it (decision 0072); null for other kinds of review.</summary>
    public Reviews.Rapid.RapidClockView? RapidClock { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Review = HttpContext.LoadedRecord<PracticeReview>();
        Household = await reviews.HouseholdAsync(Review);
        Subject = Household.Subject;
        Requests = await reviews.RequestsAsync(Review);
        Learning = await db.ReviewLearnings.AsNoTracking().Where(l => l.ReviewId == Id).OrderBy(l => l.Kind).ThenBy(l => l.Number).ToListAsync();
        if (Review.Kind == ReviewKind.RapidReview)
        {
            var (stages, holidays) = await rapid.StagesAsync(Review);
            RapidClock = new Reviews.Rapid.RapidClockView(Review, stages, holidays, calendar.Today);
        }

        return Page();
    }
}
