namespace Parallax.Features.Reviews.Chronology;

/// <summary>The lead retypes one event of the merged chronology; the change is kept in the trail.</summary>
public class RetypeModel(PracticeReviews reviews, ReviewChronology mergedChronology, ChronologyEventTypes eventTypes, ParallaxDbContext db) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [FromQuery(Name = "event")] public Guid EventId { get; set; }

    [BindProperty] public List<Guid> TypeIds { get; set; } = [];

    public PracticeReview Review { get; private set; } = null!;

    public ChronologyEvent Event { get; private set; } = null!;

    public string Agency { get; private set; } = "";

    public IReadOnlyList<ChronologyEventType> Types { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        TypeIds = Event.EventTypeId is { } main ? [main, .. Event.MoreTypeIds] : [];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        await mergedChronology.RetypeAsync(Review, EventId, TypeIds, User.Identity?.Name ?? "the lead");
        TempData["Notification"] = "The event's types are saved.";
        return RedirectToPage("/Reviews/Chronology/Chronology", null, new { id = Id }, $"event-{EventId}");
    }

    string IShowsRefusals.FieldFor(string coreField) => nameof(TypeIds);

    private async Task LoadAsync()
    {
        Review = await reviews.FindAsync(User.SignedInPartnershipId(), Id);
        var found = await db.ChronologyEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == EventId && e.ReviewId == Id);
        if (found is null) throw new RecordNotFoundException();
        Event = found;
        Agency = await db.Agencies.Where(a => a.Id == found.AgencyId).Select(a => a.Name).SingleAsync();
        Types = await eventTypes.EventTypesAsync(Review.PartnershipId);
    }
}
