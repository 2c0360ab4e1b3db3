namespace Parallax.Features.AgencyChronologies;

/// <summary>
/// An agency's summary for a Rapid Review, beside its chronology: involvement, analysis, immediate learning and actions
/// already taken, saved in as many sittings as it takes, then submitted to the review's lead.
/// </summary>
public class SummaryModel(ChronologyWriting writing, RapidReviews rapid, ParallaxDbContext db, PartnershipCalendar calendar) : AgencySummaryForm, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    public AgencyChronology Chronology { get; private set; } = null!;

    public DateOnly DueOn { get; private set; }

    public bool Open => Saved?.Status != AgencySummaryStatus.Submitted;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (Chronology.Review.Kind != ReviewKind.RapidReview) return NotFound();
        FillFromSaved();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync() => await ChangeAsync(async request =>
    {
        await rapid.SaveSummaryAsync(request, Input, Version, User.Caller());
        TempData["Notification"] = "Your summary is saved. Come back to it at any time; submit it when every part is written.";
    });

    public async Task<IActionResult> OnPostSubmitAsync() => await ChangeAsync(async request =>
    {
        // What is in the boxes is saved first, so nothing typed since the last save is lost.
        Version = (await rapid.SaveSummaryAsync(request, Input, Version, User.Caller())).Version;
        await rapid.SubmitSummaryAsync(request, User.Caller());
        TempData["Notification"] = "Your agency summary is submitted. The review's lead can read it now.";
    });

    private async Task<IActionResult> ChangeAsync(Func<ChronologyRequest, Task> change)
    {
        await LoadAsync();
        if (Chronology.Review.Kind != ReviewKind.RapidReview) return NotFound();
        await change(await writing.AgencyRequestAsync(User.SignedInPartnershipId(), User.SignedInAgencyId(), Id));
        return RedirectToPage("/AgencyChronologies/Summary", new { id = Id });
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => LoadAsync();

    private async Task LoadAsync()
    {
        var chronology = HttpContext.LoadedRecord<AgencyChronology>();
        Chronology = chronology;
        Saved = await rapid.SummaryAsync(Id);
        if (Saved is not null) db.Entry(Saved).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        DueOn = RapidReviewClock.SummariesDue(chronology.Review, await calendar.HolidaysAsync(chronology.Review.PartnershipId));
    }
}
