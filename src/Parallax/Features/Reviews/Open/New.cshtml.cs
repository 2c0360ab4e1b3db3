using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parallax.Core.Cases;
using Parallax.Core.Reviews;
using Parallax.Web;

namespace Parallax.Features.Reviews.Open;

/// <summary>Opens a review: its kind, the incident, the period under review and the pseudonymised child and household.</summary>
public class NewModel(PracticeReviews reviews, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    public const int HouseholdRows = 5;

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

    [BindProperty] public List<string?> MemberInitials { get; set; } = [];

    public void OnGet() => NotifiedOn = DateParts.From(calendar.Today);

    public async Task<IActionResult> OnPostAsync()
    {
        ViewData["FieldOrder"] = new[] { nameof(Kind), nameof(Title), nameof(TriggerIncident), "IncidentOn.Day", "NotifiedOn.Day", "PeriodFrom.Day", "PeriodTo.Day", nameof(SubjectUin), nameof(SubjectInitials), nameof(SubjectAge), "Household" };
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
        var incident = Date(IncidentOn, nameof(IncidentOn), "the date of the incident");
        var notified = Date(NotifiedOn, nameof(NotifiedOn), "the date the partnership was notified");
        var from = Date(PeriodFrom, nameof(PeriodFrom), "the start of the period under review");
        var to = Date(PeriodTo, nameof(PeriodTo), "the end of the period under review");
        int? age = null;
        if (!string.IsNullOrWhiteSpace(SubjectAge))
        {
            if (int.TryParse(SubjectAge, out var a)) age = a;
            else ModelState.AddModelError(nameof(SubjectAge), "The child's age must be a whole number of years, like 4");
        }

        var household = new List<HouseholdInput>();
        for (var i = 0; i < Math.Min(HouseholdRows, MemberInitials.Count); i++)
        {
            if (string.IsNullOrWhiteSpace(MemberInitials[i])) continue;
            if (MemberRoles.ElementAtOrDefault(i) is not { } role) ModelState.AddModelError("Household", $"Select the role of household member {i + 1}");
            else household.Add(new HouseholdInput(role, MemberInitials[i]!));
        }

        if (!ModelState.IsValid) return Page();
        try
        {
            var review = await reviews.CreateAsync(User.PartnershipId()!.Value,
                new ReviewInput(Kind, Title, TriggerIncident, incident, notified, from, to, SubjectUin, SubjectInitials, age, SubjectSex, SubjectLevel, household),
                User.Identity?.Name ?? "lead");
            TempData["Notification"] = $"The review \"{review.Title}\" is started. Add the agencies involved and ask them for their chronologies.";
            return Redirect($"/reviews/{review.Id}");
        }
        catch (ReviewException e)
        {
            ModelState.AddModelError(e.Field is "IncidentOn" or "NotifiedOn" or "PeriodFrom" or "PeriodTo" ? $"{e.Field}.Day" : e.Field, e.Message);
            return Page();
        }
    }
}
