namespace Parallax.Features.Reviews.Rapid;

/// <summary>The agencies' summaries of a Rapid Review, as the lead reads them; a submitted one can be reopened for its agency to correct.</summary>
public class SummariesModel(PracticeReviews reviews, RapidReviews rapid) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    public PracticeReview Review { get; private set; } = null!;

    public IReadOnlyList<(ChronologyRequest Request, string Agency, AgencySummary? Summary)> Summaries { get; private set; } = [];

    /// <summary>People's names by the e-mail address the summaries keep.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostReopenAsync(Guid summaryId)
    {
        // Reopening writes the review: it is read again, tracked, within the partnership the filter checked.
        var review = await reviews.FindAsync(User.SignedInPartnershipId(), Id);
        var told = await rapid.ReopenSummaryAsync(review, summaryId);
        TempData["Notification"] = "The summary is reopened: the agency can change it and submit it again."
            + (told ? " The agency has been e-mailed." : " The agency has no auditor or contact address to e-mail: tell them another way.");
        return RedirectToPage("/Reviews/Rapid/Summaries", new { id = Id });
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => LoadAsync();

    public static string? Part(AgencySummary summary, string field) => field switch
    {
        nameof(AgencySummary.Involvement) => summary.Involvement,
        nameof(AgencySummary.Analysis) => summary.Analysis,
        nameof(AgencySummary.ImmediateLearning) => summary.ImmediateLearning,
        _ => summary.ActionsTaken,
    };

    private async Task LoadAsync()
    {
        Review = HttpContext.LoadedRecord<PracticeReview>();
        Summaries = await rapid.SummariesAsync(Review);
        Names = await rapid.NamesAsync(Summaries.Select(s => s.Summary?.SubmittedBy));
    }
}
