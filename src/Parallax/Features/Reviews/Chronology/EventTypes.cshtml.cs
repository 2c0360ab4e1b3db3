namespace Parallax.Features.Reviews.Chronology;

/// <summary>The partnership's small list of chronology event types: names and the words that suggest each.</summary>
public class EventTypesModel(ChronologyEventTypes eventTypes) : PageModel
{
    [BindProperty] public Guid? TypeId { get; set; }

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public string? Keywords { get; set; }

    public IReadOnlyList<ChronologyEventType> Types { get; private set; } = [];

    public async Task OnGetAsync() => Types = await eventTypes.EventTypesAsync(User.SignedInPartnershipId());

    public async Task<IActionResult> OnPostAsync()
    {
        var partnership = User.SignedInPartnershipId();
        try
        {
            await eventTypes.SaveEventTypeAsync(partnership, TypeId, Name, Keywords);
            TempData["Notification"] = TypeId is null ? $"\"{Name!.Trim()}\" is added." : $"\"{Name!.Trim()}\" is saved.";
            return RedirectToPage("/Reviews/Chronology/EventTypes");
        }
        catch (DomainException e)
        {
            Types = await eventTypes.EventTypesAsync(partnership);
            ModelState.AddModelError(TypeId is null ? e.Field : $"{e.Field}-{TypeId}", e.Message);
            return Page();
        }
    }

    public static string Describe(EventSignal signal) => signal switch
    {
        EventSignal.None => "None: for reading only",
        EventSignal.ReferralToChildrensSocialCare => "Referrals in any 12 months",
        EventSignal.ClosedNoFurtherAction => "Closed, then a new concern within 3 months",
        EventSignal.DomesticAbuseIncident => "Repeated domestic abuse incidents",
        EventSignal.WasNotBrought => "Was not brought",
        EventSignal.SchoolAttendanceLetter => "School attendance letters",
        EventSignal.AnonymousConcern => "Anonymous concerns",
        _ => "Plan closed, then a referral within 30 days",
    };
}
