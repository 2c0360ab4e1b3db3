namespace Parallax.Features.Reviews.Rapid;

/// <summary>
/// The review lead enters an agency's summary on its behalf, for an agency with nobody to write it in Parallax (no
/// auditor, only a contact address): saved and submitted as the agency would, and recorded as entered by the lead (decision 0077).
/// </summary>
public class EnterSummaryModel(RapidReviews rapid, ParallaxDbContext db) : AgencySummaryForm, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [FromRoute] public Guid RequestId { get; set; }

    public PracticeReview Review { get; private set; } = null!;

    public string Agency { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        FillFromSaved();
        return Page();
    }

    public Task<IActionResult> OnPostAsync() => ChangeAsync(async request =>
    {
        await rapid.SaveSummaryAsync(request, Input, Version, User.Caller());
        TempData["Notification"] = $"The summary for {Agency} is saved. Submit it when every part is written.";
        return Url.Page("/Reviews/Rapid/EnterSummary", new { id = Id, requestId = RequestId })!;
    });

    public Task<IActionResult> OnPostSubmitAsync() => ChangeAsync(async request =>
    {
        // What is in the boxes is saved first, so nothing typed since the last save is lost.
        Version = (await rapid.SaveSummaryAsync(request, Input, Version, User.Caller())).Version;
        await rapid.SubmitSummaryAsync(request, User.Caller());
        TempData["Notification"] = $"The summary for {Agency} is submitted, recorded as entered by you on the agency's behalf.";
        return Url.Page("/Reviews/Rapid/Summaries", new { id = Id })!;
    });

    private async Task<IActionResult> ChangeAsync(Func<ChronologyRequest, Task<string>> change)
    {
        var request = await LoadAsync();
        return Redirect(await change(request));
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => LoadAsync();

    /// <summary>The request, tracked for the writes: the folder's filters have checked it is a sent request of this Rapid Review.</summary>
    private async Task<ChronologyRequest> LoadAsync()
    {
        Review = HttpContext.LoadedRecord<PracticeReview>();
        var request = await db.ChronologyRequests.SingleAsync(r => r.Id == RequestId);
        Agency = await db.Agencies.Where(a => a.Id == request.AgencyId).Select(a => a.Name).SingleAsync();
        Saved = await db.AgencySummaries.AsNoTracking().FirstOrDefaultAsync(s => s.RequestId == request.Id);
        return request;
    }
}
