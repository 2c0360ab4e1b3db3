using Microsoft.AspNetCore.Http;

namespace Parallax.Features.Reviews.Chronology;

/// <summary>
/// A page that shows a review's merged chronology with its Word and workbook exports: the lead's, the readers' (a
/// review opened to panel members and viewers) and a contributing agency's (a review that shares it). Each page says
/// only which review it shows, or none when the caller may not see it.
/// </summary>
public abstract class MergedChronologyPage(ChronologyViews views) : PageModel
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
        return await views.WordAsync(View);
    }

    public async Task<IActionResult> OnGetWorkbookAsync()
    {
        await LoadAsync();
        return View.Workbook();
    }

    /// <summary>
    /// The review whose chronology the page shows; null when the caller may not see it (a 404). By default the review
    /// the folder's filter loaded, which has already checked the caller may read it.
    /// </summary>
    protected virtual Task<PracticeReview?> ReviewAsync() => Task.FromResult<PracticeReview?>(HttpContext.LoadedRecord<PracticeReview>());

    /// <summary>The lead's view: rows link to retyping them, indicators to their settings.</summary>
    protected virtual bool Lead => false;

    private async Task LoadAsync()
    {
        if (await ReviewAsync() is not { } review) throw new RecordNotFoundException();
        // The filters and exports come back to the page that is showing the chronology.
        View = await views.LoadAsync(review, Request.Query, $"{Request.PathBase}{Request.Path}");
        View.Lead = Lead;
        foreach (var (field, message) in View.FilterErrors) ModelState.AddModelError(field, message);
    }
}

/// <summary>What a merged chronology is read and exported with, for the pages that show one.</summary>
public sealed class ChronologyViews(ParallaxDbContext db, PracticeReviews reviews, ReviewChronology mergedChronology, ChronologyEventTypes eventTypes, ReviewReports reports, PartnershipCalendar calendar)
{
    public Task<ChronologyView> LoadAsync(PracticeReview review, IQueryCollection query, string path) =>
        ChronologyView.LoadAsync(db, reviews, mergedChronology, eventTypes, review, query, path, calendar.Today);

    public Task<FileContentResult> WordAsync(ChronologyView view) => view.WordAsync(reports);
}
