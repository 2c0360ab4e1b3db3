using Parallax.Features.Reviews.Chronology;

namespace Parallax.Features.ReviewReading;

/// <summary>The merged chronology of a review opened to panel members and viewers: indicators, timeline, table and exports, without retyping.</summary>
public class ChronologyModel(PracticeReviews reviews, ReviewChronology mergedChronology, ChronologyEventTypes eventTypes, ReviewReports reports, ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public ChronologyView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetWordAsync()
    {
        await LoadAsync();
        return await View.WordAsync(reports);
    }

    public async Task<IActionResult> OnGetWorkbookAsync()
    {
        await LoadAsync();
        return View.Workbook();
    }

    private async Task LoadAsync()
    {
        var review = HttpContext.LoadedRecord<PracticeReview>();
        View = await ChronologyView.LoadAsync(db, reviews, mergedChronology, eventTypes, review, Request.Query, $"/reviews/{Id}/read/chronology", calendar.Today);
        foreach (var (field, message) in View.FilterErrors) ModelState.AddModelError(field, message);
    }
}
