using Parallax.Features.Reviews.Chronology;

namespace Parallax.Features.AgencyChronologies;

/// <summary>The merged chronology, read-only, for an agency that contributed to a review which shares it (a learning event). Otherwise not found.</summary>
public class MergedModel(PracticeReviews reviews, ReviewChronology mergedChronology, ChronologyEventTypes eventTypes, ReviewReports reports, ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public ChronologyView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnGetWordAsync() => await LoadAsync() ? await View.WordAsync(reports) : NotFound();

    public async Task<IActionResult> OnGetWorkbookAsync() => await LoadAsync() ? View.Workbook() : NotFound();

    private async Task<bool> LoadAsync()
    {
        var chronology = await AgencyChronology.LoadAsync(db, Id, User.PartnershipId()!.Value, User.AgencyId()!.Value);
        if (chronology is null || !chronology.MaySeeMerged) return false;
        View = await ChronologyView.LoadAsync(db, reviews, mergedChronology, eventTypes, chronology.Review, Request.Query, $"/chronologies/{Id}/merged", calendar.Today);
        foreach (var (field, message) in View.FilterErrors) ModelState.AddModelError(field, message);
        return true;
    }
}
