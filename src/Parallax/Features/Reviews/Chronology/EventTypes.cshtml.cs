namespace Parallax.Features.Reviews.Chronology;

/// <summary>The partnership's small list of chronology event types: names and the words that suggest each.</summary>
public class EventTypesModel(ChronologyEventTypes eventTypes) : PageModel, IShowsRefusals
{
    [BindProperty] public Guid? TypeId { get; set; }

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public string? Keywords { get; set; }

    public IReadOnlyList<ChronologyEventType> Types { get; private set; } = [];

    public async Task OnGetAsync() => Types = await eventTypes.EventTypesAsync(User.SignedInPartnershipId());

    public async Task<IActionResult> OnPostAsync()
    {
        await eventTypes.SaveEventTypeAsync(User.SignedInPartnershipId(), TypeId, Name, Keywords);
        TempData["Notification"] = TypeId is null ? $"\"{Name!.Trim()}\" is added." : $"\"{Name!.Trim()}\" is saved.";
        return RedirectToPage("/Reviews/Chronology/EventTypes");
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => OnGetAsync();

    /// <summary>Each type's row is its own form: a refusal goes beside the row that was sent.</summary>
    string IShowsRefusals.FieldFor(string coreField) => TypeId is null ? coreField : $"{coreField}-{TypeId}";

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
