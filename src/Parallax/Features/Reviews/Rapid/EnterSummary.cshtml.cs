namespace Parallax.Features.Reviews.Rapid;

/// <summary>
/// The review lead enters an agency's summary on its behalf, for an agency with nobody to write it in Parallax (no
/// auditor, only a contact address): saved and submitted as the agency would, and recorded as entered by the lead (decision 0077).
/// </summary>
public class EnterSummaryModel(PracticeReviews reviews, RapidReviews rapid, ParallaxDbContext db) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [FromRoute] public Guid RequestId { get; set; }

    [BindProperty] public string? Involvement { get; set; }

    [BindProperty] public string? Analysis { get; set; }

    [BindProperty] public string? ImmediateLearning { get; set; }

    [BindProperty] public string? ActionsTaken { get; set; }

    [BindProperty] public Guid? Version { get; set; }

    public PracticeReview Review { get; private set; } = null!;

    public string Agency { get; private set; } = "";

    public AgencySummary? Saved { get; private set; }

    public string? Value(string field) => field switch
    {
        nameof(Involvement) => Involvement,
        nameof(Analysis) => Analysis,
        nameof(ImmediateLearning) => ImmediateLearning,
        _ => ActionsTaken,
    };

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is null) return NotFound();
        (Involvement, Analysis, ImmediateLearning, ActionsTaken, Version) = (Saved?.Involvement, Saved?.Analysis, Saved?.ImmediateLearning, Saved?.ActionsTaken, Saved?.Version);
        return Page();
    }

    public Task<IActionResult> OnPostAsync() => ChangeAsync(async request =>
    {
        await rapid.SaveSummaryAsync(request, Input, Version, By, byLead: true);
        TempData["Notification"] = $"The summary for {Agency} is saved. Submit it when every part is written.";
        return Url.Page("/Reviews/Rapid/EnterSummary", new { id = Id, requestId = RequestId })!;
    });

    public Task<IActionResult> OnPostSubmitAsync() => ChangeAsync(async request =>
    {
        // What is in the boxes is saved first, so nothing typed since the last save is lost.
        Version = (await rapid.SaveSummaryAsync(request, Input, Version, By, byLead: true)).Version;
        await rapid.SubmitSummaryAsync(request, By, byLead: true);
        TempData["Notification"] = $"The summary for {Agency} is submitted, recorded as entered by you on the agency's behalf.";
        return Url.Page("/Reviews/Rapid/Summaries", new { id = Id })!;
    });

    private AgencySummaryInput Input => new(Involvement, Analysis, ImmediateLearning, ActionsTaken);

    private string By => User.Identity?.Name ?? "review lead";

    private async Task<IActionResult> ChangeAsync(Func<ChronologyRequest, Task<string>> change)
    {
        var request = await LoadAsync();
        if (request is null) return NotFound();
        try
        {
            return Redirect(await change(request));
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            await LoadAsync();
            foreach (var (field, message) in e.Problems) ModelState.AddModelError(field, message);
            return Page();
        }
    }

    /// <summary>The request, tracked, when it is one of this Rapid Review's sent requests; null otherwise.</summary>
    private async Task<ChronologyRequest?> LoadAsync()
    {
        var review = await reviews.FindOrNullAsync(User.PartnershipId()!.Value, Id);
        if (review is null || review.Kind != ReviewKind.RapidReview) return null;
        var request = await db.ChronologyRequests.FirstOrDefaultAsync(r => r.Id == RequestId && r.ReviewId == review.Id && r.Status != ChronologyStatus.Draft);
        if (request is null) return null;
        Review = review;
        Agency = await db.Agencies.Where(a => a.Id == request.AgencyId).Select(a => a.Name).SingleAsync();
        Saved = await db.AgencySummaries.AsNoTracking().FirstOrDefaultAsync(s => s.RequestId == request.Id);
        return request;
    }
}
