namespace Parallax.Features.Reviews.Open;

/// <summary>The parts of a review written as it goes: terms of reference, author, who sees the merged chronology, status, and the report's narrative.</summary>
public class DetailsModel(PracticeReviews reviews, ReviewOpening opening) : PageModel, IShowsRefusals
{
    public static readonly (string Field, string Label, string Hint)[] Narratives =
    [
        (nameof(Introduction), "Introduction", "Why the review was undertaken and what it set out to do."),
        (nameof(Process), "The review process", "How the review was done: agency reports, practitioner events, family involvement."),
        (nameof(FamilyBackground), "Family background", "Refer to people by their relationship to the child, never by name."),
        (nameof(Analysis), "Analysis", "The review's analysis of practice; the cumulative-risk indicators are added below it in the report."),
        (nameof(Conclusion), "Conclusion", ""),
    ];

    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public Guid Version { get; set; }

    [BindProperty] public string? TermsOfReference { get; set; }

    [BindProperty] public DateParts PeriodFrom { get; set; } = new();

    [BindProperty] public DateParts PeriodTo { get; set; } = new();

    [BindProperty] public string? Author { get; set; }

    [BindProperty] public ChronologyAccess Access { get; set; }

    [BindProperty] public bool PanelCanRead { get; set; }

    [BindProperty] public ReviewStatus Status { get; set; }

    [BindProperty] public DateParts PublishedOn { get; set; } = new();

    [BindProperty] public string? Introduction { get; set; }

    [BindProperty] public string? Process { get; set; }

    [BindProperty] public string? FamilyBackground { get; set; }

    [BindProperty] public string? Analysis { get; set; }

    [BindProperty] public string? Conclusion { get; set; }

    public string ReviewTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var review = await reviews.FindAsync(User.SignedInPartnershipId(), Id);

        ReviewTitle = review.Title;
        Version = review.Version;
        TermsOfReference = review.TermsOfReference;
        PeriodFrom = DateParts.From(review.PeriodFrom);
        PeriodTo = DateParts.From(review.PeriodTo);
        Author = review.Author;
        Access = review.ChronologyAccess;
        PanelCanRead = review.PanelCanRead;
        Status = review.Status;
        PublishedOn = DateParts.From(review.PublishedOn);
        (Introduction, Process, FamilyBackground, Analysis, Conclusion) = (review.Introduction, review.Process, review.FamilyBackground, review.Analysis, review.Conclusion);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var review = await reviews.FindAsync(User.SignedInPartnershipId(), Id);

        ReviewTitle = review.Title;
        var from = PeriodFrom.Parse("the start of the period under review", required: true, out var fromProblem);
        if (fromProblem is not null) ModelState.AddModelError("PeriodFrom.Day", fromProblem);
        var to = PeriodTo.Parse("the end of the period under review", required: true, out var toProblem);
        if (toProblem is not null) ModelState.AddModelError("PeriodTo.Day", toProblem);
        var published = PublishedOn.Parse("the date of publication", required: false, out var publishedProblem);
        if (publishedProblem is not null) ModelState.AddModelError("PublishedOn.Day", publishedProblem);
        if (!ModelState.IsValid) return Page();
        await opening.UpdateAsync(review, new ReviewDetails(TermsOfReference, from, to, Author, Access, Status, published, Introduction, Process, FamilyBackground, Analysis, Conclusion, PanelCanRead), Version);
        TempData["Notification"] = "The review is saved.";
        return RedirectToPage("/Reviews/Open/Overview", new { id = Id });
    }
}
