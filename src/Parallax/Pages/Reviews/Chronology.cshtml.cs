using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parallax.Core.Data;
using Parallax.Core.Reviews;
using Parallax.Web;

namespace Parallax.Pages.Reviews;

/// <summary>The review lead's merged chronology: indicators, filters, the timeline, the table and the exports.</summary>
public class ChronologyModel(PracticeReviews reviews, ReviewReports reports, ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public ChronologyView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnGetWordAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return File(await reports.ChronologyDocxAsync(View.Review, View.Rows), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            $"{OverviewModel.FileName(View.Review.Title)} chronology.docx");
    }

    public async Task<IActionResult> OnGetWorkbookAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return File(ReviewReports.ChronologyWorkbook(View.Review, View.Rows, View.Household), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"{OverviewModel.FileName(View.Review.Title)} chronology.xlsx");
    }

    private async Task<bool> LoadAsync()
    {
        PracticeReview review;
        try
        {
            review = await reviews.FindAsync(User.PartnershipId()!.Value, Id);
        }
        catch (ReviewNotFoundException)
        {
            return false;
        }

        View = await ChronologyView.LoadAsync(db, reviews, review, Request.Query, $"/reviews/{Id}/chronology", calendar.Today);
        foreach (var (field, message) in View.FilterErrors) ModelState.AddModelError(field, message);
        return true;
    }
}
