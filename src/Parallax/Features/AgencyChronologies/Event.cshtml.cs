namespace Parallax.Features.AgencyChronologies;

/// <summary>Adds or changes one event of the agency's chronology, checked the way an uploaded row is.</summary>
public class EventModel(PracticeReviews reviews, ChronologyWriting writing, ChronologyEventTypes eventTypes, ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    /// <summary>"new", or the id of the event to change.</summary>
    [FromRoute] public string EventId { get; set; } = "new";

    [BindProperty] public string? Date { get; set; }

    [BindProperty] public string? Time { get; set; }

    [BindProperty] public string? Text { get; set; }

    [BindProperty] public List<Guid> People { get; set; } = [];

    [BindProperty] public string? SourceReference { get; set; }

    [BindProperty] public string? AgencyComment { get; set; }

    /// <summary>The types the agency chose; the first in the list's order is the main one.</summary>
    [BindProperty] public List<Guid> TypeIds { get; set; } = [];

    public AgencyChronology Chronology { get; private set; } = null!;

    public ReviewHousehold Household { get; private set; } = null!;

    public IReadOnlyList<ChronologyEventType> Types { get; private set; } = [];

    public string? Suggested { get; private set; }

    public Guid? Existing => Guid.TryParse(EventId, out var id) ? id : null;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (Existing is { } id)
        {
            var e = await db.ChronologyEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.RequestId == Id);
            if (e is null) return NotFound();
            Date = e.Date.ToString();
            Time = e.Time?.ToString("HH:mm");
            Text = e.Text;
            People = [.. e.PeopleIds];
            SourceReference = e.SourceReference;
            AgencyComment = e.AgencyComment;
            TypeIds = e.TypeConfirmed && e.EventTypeId is { } main ? [main, .. e.MoreTypeIds] : [];
            if (!e.TypeConfirmed && e.EventTypeId is not null) Suggested = e.SuggestedBecause ?? Types.FirstOrDefault(t => t.Id == e.EventTypeId)?.Name;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        ViewData["FieldOrder"] = new[] { nameof(Date), nameof(Time), nameof(Text), nameof(People), nameof(SourceReference), nameof(AgencyComment), nameof(TypeIds) };
        var date = ChronologyDates.Parse(Date, null, calendar.Today);
        if (date.Error is not null) ModelState.AddModelError(nameof(Date), date.Error);
        var (time, timeError) = ChronologyDates.ParseTime(Time);
        if (timeError is not null) ModelState.AddModelError(nameof(Time), timeError);
        var text = Text?.Trim() ?? "";
        if (text.Length == 0) ModelState.AddModelError(nameof(Text), "Enter what happened");
        else if (text.Length > ChronologyImport.MaxText) ModelState.AddModelError(nameof(Text), $"The event must be {ChronologyImport.MaxText:N0} characters or fewer");
        else if (ChronologyImport.Identifiable(text).FirstOrDefault() is { } textProblem) ModelState.AddModelError(nameof(Text), textProblem);
        var comment = AgencyComment?.Trim() ?? "";
        if (comment.Length > ChronologyImport.MaxText) ModelState.AddModelError(nameof(AgencyComment), $"The comment must be {ChronologyImport.MaxText:N0} characters or fewer");
        else if (ChronologyImport.Identifiable(comment).FirstOrDefault() is { } commentProblem) ModelState.AddModelError(nameof(AgencyComment), commentProblem);
        var reference = SourceReference?.Trim() ?? "";
        if (reference.Length > ChronologyImport.MaxReference) ModelState.AddModelError(nameof(SourceReference), $"The reference must be {ChronologyImport.MaxReference} characters or fewer");
        // Ids come from the form: only people of this household are kept.
        if (People.Any(p => Household.People.All(h => h.Id != p))) ModelState.AddModelError(nameof(People), "Select people from this household only");
        if (TypeIds.Any(chosen => Types.All(t => t.Id != chosen))) ModelState.AddModelError(nameof(TypeIds), "Select event types from the list");
        if (!ModelState.IsValid) return Page();

        // Chosen types in the list's order; with none chosen, every type the words suggest, waiting for confirmation.
        var chosenTypes = Types.Where(t => TypeIds.Contains(t.Id)).ToList();
        var suggested = chosenTypes.Count == 0 ? EventTypes.SuggestAll(text, Types) : [];
        var typeIds = chosenTypes.Count > 0 ? chosenTypes.Select(t => t.Id).ToList() : [.. suggested.Select(s => s.Type.Id)];
        Guid? suggestion = chosenTypes.Count == 0 ? typeIds.FirstOrDefault() is var f && f != Guid.Empty ? f : null : null;
        var input = new ChronologyEventInput(date.Date!.Value, time, text, [.. People.Distinct()], reference.Length == 0 ? null : reference, comment.Length == 0 ? null : comment,
            typeIds.Count > 0 ? typeIds[0] : null, chosenTypes.Count > 0, [.. typeIds.Skip(1)], ChronologyImport.Because(suggested));
        var request = await writing.AgencyRequestAsync(User.SignedInPartnershipId(), User.SignedInAgencyId(), Id);
        if (Existing is { } id) await writing.UpdateEventAsync(request, id, input);
        else await writing.AddEventAsync(request, input);
        TempData["Notification"] = chosenTypes.Count > 0 ? "The event is saved."
            : suggestion is not null ? $"The event is saved with suggested types ({ChronologyImport.Because(suggested)}): confirm them before submitting."
            : "The event is saved with no type: no words suggested one. Choose a type, or Other, before submitting.";
        return RedirectToPage("/AgencyChronologies/Chronology", new { id = Id });
    }

    string IShowsRefusals.FieldFor(string coreField) => "";

    private async Task LoadAsync()
    {
        var chronology = HttpContext.LoadedRecord<AgencyChronology>();
        if (EventId != "new" && Existing is null) throw new RecordNotFoundException();
        Chronology = chronology;
        Household = await reviews.HouseholdAsync(chronology.Review);
        Types = await eventTypes.EventTypesAsync(chronology.Review.PartnershipId);
    }
}
