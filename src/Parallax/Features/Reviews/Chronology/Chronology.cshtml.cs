namespace Parallax.Features.Reviews.Chronology;

/// <summary>The review lead's merged chronology: indicators, filters, the timeline, the table and the exports.</summary>
public class ChronologyModel(PracticeReviews reviews, ReviewChronology mergedChronology, ChronologyEventTypes eventTypes, ReviewReports reports, ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public ChronologyView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnGetWordAsync() => await LoadAsync() ? await View.WordAsync(reports) : NotFound();

    public async Task<IActionResult> OnGetWorkbookAsync() => await LoadAsync() ? View.Workbook() : NotFound();

    private async Task<bool> LoadAsync()
    {
        var review = await reviews.FindOrNullAsync(User.PartnershipId()!.Value, Id);
        if (review is null) return false;

        View = await ChronologyView.LoadAsync(db, reviews, mergedChronology, eventTypes, review, Request.Query, $"/reviews/{Id}/chronology", calendar.Today);
        View.Lead = true;
        foreach (var (field, message) in View.FilterErrors) ModelState.AddModelError(field, message);
        return true;
    }
}
