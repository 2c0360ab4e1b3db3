namespace Parallax.Features.Reviews.Open;

/// <summary>Opens a review: its kind, the incident, the period under review and the pseudonymised child and household.</summary>
public class NewModel(ReviewOpening opening, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel, IShowsRefusals
{
    public const int HouseholdRows = HouseholdRoleNames.MaxHousehold;

    [BindProperty] public ReviewKind? Kind { get; set; }

    [BindProperty] public string? Title { get; set; }

    [BindProperty] public string? TriggerIncident { get; set; }

    [BindProperty] public DateParts IncidentOn { get; set; } = new();

    [BindProperty] public DateParts NotifiedOn { get; set; } = new();

    [BindProperty] public DateParts PeriodFrom { get; set; } = new();

    [BindProperty] public DateParts PeriodTo { get; set; } = new();

    [BindProperty] public string? SubjectUin { get; set; }

    [BindProperty] public string? SubjectInitials { get; set; }

    [BindProperty] public string? SubjectAge { get; set; }

    [BindProperty] public Sex? SubjectSex { get; set; }

    [BindProperty] public LevelOfNeed? SubjectLevel { get; set; }

    [BindProperty] public List<HouseholdRole?> MemberRoles { get; set; } = [];

    [BindProperty] public List<string?> MemberRoleNames { get; set; } = [];

    [BindProperty] public List<string?> MemberInitials { get; set; } = [];

    public void OnGet() => NotifiedOn = DateParts.From(calendar.Today);

    public async Task<IActionResult> OnPostAsync()
    {
        ViewData["FieldOrder"] = new[] { nameof(Kind), nameof(Title), nameof(TriggerIncident), "IncidentOn.Day", "NotifiedOn.Day", "PeriodFrom.Day", "PeriodTo.Day", nameof(SubjectUin), nameof(SubjectInitials), nameof(SubjectAge), "Household" }
            .Concat(Enumerable.Range(0, HouseholdRows).SelectMany(i => new[] { $"MemberRoles[{i}]", $"MemberRoleNames[{i}]", $"MemberInitials[{i}]" })).ToArray();
        DateOnly? Date(DateParts parts, string key, string what)
        {
            var date = parts.Parse(what, required: true, out var problem);
            if (problem is not null) ModelState.AddModelError($"{key}.Day", problem);
            return date;
        }

        // The service checks these too; checking them here as well lists every missing answer at once.
        if (Kind is null) ModelState.AddModelError(nameof(Kind), "Select the kind of review");
        if (string.IsNullOrWhiteSpace(Title)) ModelState.AddModelError(nameof(Title), "Enter how the review is known, such as \"Child T\"");
        if (string.IsNullOrWhiteSpace(TriggerIncident)) ModelState.AddModelError(nameof(TriggerIncident), "Enter the incident that led to the review");
        if (string.IsNullOrWhiteSpace(SubjectUin)) ModelState.AddModelError(nameof(SubjectUin), "Enter the child's UIN");
        // Only the month of an incident may be known: a blank day with a month and year is the month.
        var incidentPrecision = string.IsNullOrWhiteSpace(IncidentOn.Day) && !IncidentOn.IsEmpty ? DatePrecision.Month : DatePrecision.Day;
        var incident = incidentPrecision == DatePrecision.Month
            ? Date(new DateParts { Day = "1", Month = IncidentOn.Month, Year = IncidentOn.Year }, nameof(IncidentOn), "the month of the incident")
            : Date(IncidentOn, nameof(IncidentOn), "the date of the incident");
        var notified = Date(NotifiedOn, nameof(NotifiedOn), "the date the local authority learned of the incident");
        var from = Date(PeriodFrom, nameof(PeriodFrom), "the start of the period under review");
        var to = Date(PeriodTo, nameof(PeriodTo), "the end of the period under review");
        int? age = null;
        if (!string.IsNullOrWhiteSpace(SubjectAge))
        {
            if (int.TryParse(SubjectAge, out var a)) age = a;
            else ModelState.AddModelError(nameof(SubjectAge), "The child's age must be a whole number of years, like 4");
        }

        // Each bad answer gets its own sentence beside its own box; every row is kept as typed.
        var household = new List<HouseholdInput>();
        var rows = Math.Max(MemberInitials.Count, Math.Max(MemberRoles.Count, MemberRoleNames.Count));
        if (rows > HouseholdRows) ModelState.AddModelError("Household", $"A household holds up to {HouseholdRows} people besides the child");
        for (var i = 0; i < Math.Min(HouseholdRows, rows); i++)
        {
            var initials = MemberInitials.ElementAtOrDefault(i)?.Trim();
            var role = MemberRoles.ElementAtOrDefault(i);
            var words = MemberRoleNames.ElementAtOrDefault(i);
            if (string.IsNullOrWhiteSpace(initials))
            {
                if (role is not null || !string.IsNullOrWhiteSpace(words))
                    ModelState.AddModelError($"MemberInitials[{i}]", $"Enter the initials of person {i + 1}, or clear their role to leave them out");
                continue;
            }

            if (initials.Length > 4 || !initials.All(char.IsLetter))
                ModelState.AddModelError($"MemberInitials[{i}]", $"The initials of person {i + 1} must be letters only, up to 4, such as AB");
            if (role is null)
            {
                ModelState.AddModelError($"MemberRoles[{i}]", $"Select the role of person {i + 1}");
                continue;
            }

            var (_, problem) = HouseholdRoleNames.CleanRoleName(role, words, $"person {i + 1}");
            if (problem is not null) ModelState.AddModelError($"MemberRoleNames[{i}]", problem);
            household.Add(new HouseholdInput(role.Value, initials, RoleName: words));
        }

        if (!ModelState.IsValid) return Page();
        var review = await opening.CreateAsync(User.SignedInPartnershipId(),
            new ReviewInput(Kind, Title, TriggerIncident, incident, notified, from, to, SubjectUin, SubjectInitials, age, SubjectSex, SubjectLevel, household, incidentPrecision),
            User.Identity?.Name ?? "lead");
        TempData["Notification"] = $"The review \"{review.Title}\" is started. Add the agencies involved and ask them for their chronologies.";
        return RedirectToPage("/Reviews/Open/Overview", new { id = review.Id });
    }
}
