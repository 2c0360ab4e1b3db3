namespace Parallax.Features.AgencyChronologies;

/// <summary>
/// An agency's summary for a Rapid Review, beside its chronology: involvement, analysis, immediate learning and actions
/// already taken, saved in as many sittings as it takes, then submitted to the review's lead.
/// </summary>
public class SummaryModel(ChronologyWriting writing, RapidReviews rapid, ParallaxDbContext db, PartnershipCalendar calendar) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public string? Involvement { get; set; }

    [BindProperty] public string? Analysis { get; set; }

    [BindProperty] public string? ImmediateLearning { get; set; }

    [BindProperty] public string? ActionsTaken { get; set; }

    [BindProperty] public Guid? Version { get; set; }

    public AgencyChronology Chronology { get; private set; } = null!;

    public AgencySummary? Saved { get; private set; }

    public DateOnly DueOn { get; private set; }

    public bool Open => Saved?.Status != AgencySummaryStatus.Submitted;

    public string? Value(string field) => field switch
    {
        nameof(Involvement) => Involvement,
        nameof(Analysis) => Analysis,
        nameof(ImmediateLearning) => ImmediateLearning,
        _ => ActionsTaken,
    };

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Chronology.Review.Kind != ReviewKind.RapidReview) return NotFound();
        (Involvement, Analysis, ImmediateLearning, ActionsTaken, Version) = (Saved?.Involvement, Saved?.Analysis, Saved?.ImmediateLearning, Saved?.ActionsTaken, Saved?.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync() => await ChangeAsync(async request =>
    {
        await rapid.SaveSummaryAsync(request, new AgencySummaryInput(Involvement, Analysis, ImmediateLearning, ActionsTaken), Version, By);
        TempData["Notification"] = "Your summary is saved. Come back to it at any time; submit it when every part is written.";
    });

    public async Task<IActionResult> OnPostSubmitAsync() => await ChangeAsync(async request =>
    {
        // What is in the boxes is saved first, so nothing typed since the last save is lost.
        Version = (await rapid.SaveSummaryAsync(request, new AgencySummaryInput(Involvement, Analysis, ImmediateLearning, ActionsTaken), Version, By)).Version;
        await rapid.SubmitSummaryAsync(request, By);
        TempData["Notification"] = "Your agency summary is submitted. The review's lead can read it now.";
    });

    private string By => User.Identity?.Name ?? "agency auditor";

    private async Task<IActionResult> ChangeAsync(Func<ChronologyRequest, Task> change)
    {
        if (!await LoadAsync()) return NotFound();
        if (Chronology.Review.Kind != ReviewKind.RapidReview) return NotFound();
        try
        {
            await change(await writing.AgencyRequestAsync(User.PartnershipId()!.Value, User.AgencyId()!.Value, Id));
            return RedirectToPage("/AgencyChronologies/Summary", new { id = Id });
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            await LoadAsync();
            foreach (var (field, message) in e.Problems) ModelState.AddModelError(field, message);
            return Page();
        }
    }

    private async Task<bool> LoadAsync()
    {
        var chronology = await AgencyChronology.LoadAsync(db, Id, User.PartnershipId()!.Value, User.AgencyId()!.Value);
        if (chronology is null) return false;
        Chronology = chronology;
        Saved = await rapid.SummaryAsync(Id);
        if (Saved is not null) db.Entry(Saved).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        DueOn = RapidReviewClock.SummariesDue(chronology.Review, await calendar.HolidaysAsync(chronology.Review.PartnershipId));
        return true;
    }
}
