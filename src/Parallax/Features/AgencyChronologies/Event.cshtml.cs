using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Data;
using Parallax.Core.Reviews;
using Parallax.Web;

namespace Parallax.Features.AgencyChronologies;

/// <summary>Adds or changes one event of the agency's chronology, checked the way an uploaded row is.</summary>
public class EventModel(PracticeReviews reviews, ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
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

    [BindProperty] public Guid? EventTypeId { get; set; }

    public AgencyChronology Chronology { get; private set; } = null!;

    public ReviewHousehold Household { get; private set; } = null!;

    public IReadOnlyList<ChronologyEventType> Types { get; private set; } = [];

    public string? Suggested { get; private set; }

    public Guid? Existing => Guid.TryParse(EventId, out var id) ? id : null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
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
            EventTypeId = e.TypeConfirmed ? e.EventTypeId : null;
            if (!e.TypeConfirmed && Types.FirstOrDefault(t => t.Id == e.EventTypeId) is { } s) Suggested = s.Name;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        ViewData["FieldOrder"] = new[] { nameof(Date), nameof(Time), nameof(Text), nameof(People), nameof(SourceReference), nameof(AgencyComment), nameof(EventTypeId) };
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
        if (EventTypeId is { } chosen && Types.All(t => t.Id != chosen)) ModelState.AddModelError(nameof(EventTypeId), "Select an event type from the list");
        if (!ModelState.IsValid) return Page();

        var suggestion = EventTypeId is null ? EventTypes.Suggest(text, Types)?.Type.Id : null;
        var input = new ChronologyEventInput(date.Date!.Value, time, text, [.. People.Distinct()], reference.Length == 0 ? null : reference, comment.Length == 0 ? null : comment,
            EventTypeId ?? suggestion, EventTypeId is not null);
        try
        {
            var request = await reviews.AgencyRequestAsync(User.PartnershipId()!.Value, User.AgencyId()!.Value, Id);
            if (Existing is { } id) await reviews.UpdateEventAsync(request, id, input);
            else await reviews.AddEventAsync(request, input);
            TempData["Notification"] = EventTypeId is null && suggestion is not null
                ? $"The event is saved with the suggested type \"{Types.First(t => t.Id == suggestion).Name}\": confirm it before submitting."
                : "The event is saved.";
            return Redirect($"/chronologies/{Id}");
        }
        catch (ReviewException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
    }

    private async Task<bool> LoadAsync()
    {
        var chronology = await AgencyChronology.LoadAsync(db, Id, User.PartnershipId()!.Value, User.AgencyId()!.Value);
        if (chronology is null || (EventId != "new" && Existing is null)) return false;
        Chronology = chronology;
        Household = await reviews.HouseholdAsync(chronology.Review);
        Types = await reviews.EventTypesAsync(chronology.Review.PartnershipId);
        return true;
    }
}
