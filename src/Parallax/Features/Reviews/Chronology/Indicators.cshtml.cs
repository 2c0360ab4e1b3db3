namespace Parallax.Features.Reviews.Chronology;

/// <summary>The numbers the review's cumulative-risk indicators use, and the child's date of birth (decision 0064).</summary>
public class IndicatorsModel(PracticeReviews reviews, ReviewChronology mergedChronology) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public int ReferralsInWindow { get; set; }

    [BindProperty] public int WindowMonths { get; set; }

    [BindProperty] public int ConcernAfterClosureDays { get; set; }

    [BindProperty] public int ReReferralAfterPlanDays { get; set; }

    [BindProperty] public int NotSeenMonths { get; set; }

    [BindProperty] public int ToxicTrioMonths { get; set; }

    [BindProperty] public int RepeatCount { get; set; }

    [BindProperty] public string? ChildBornOn { get; set; }

    public PracticeReview Review { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        Review = await reviews.FindAsync(User.SignedInPartnershipId(), Id);
        var s = Review.Indicators;
        (ReferralsInWindow, WindowMonths, ConcernAfterClosureDays, ReReferralAfterPlanDays, NotSeenMonths, ToxicTrioMonths, RepeatCount) =
            (s.ReferralsInWindow, s.WindowMonths, s.ConcernAfterClosureDays, s.ReReferralAfterPlanDays, s.NotSeenMonths, s.ToxicTrioMonths, s.RepeatCount);
        ChildBornOn = Review.ChildBornOn is { } born ? ChronologyDate.Format(born, born.Day == 1 ? DatePrecision.Month : DatePrecision.Day) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Review = await reviews.FindAsync(User.SignedInPartnershipId(), Id);
        if (!ModelState.IsValid)
        {
            foreach (var key in ModelState.Where(m => m.Value?.Errors.Count > 0).Select(m => m.Key).ToList())
            {
                ModelState[key]!.Errors.Clear();
                ModelState.AddModelError(key, "Enter a whole number");
            }

            return Page();
        }

        var settings = new IndicatorSettings
        {
            ReferralsInWindow = ReferralsInWindow, WindowMonths = WindowMonths, ConcernAfterClosureDays = ConcernAfterClosureDays,
            ReReferralAfterPlanDays = ReReferralAfterPlanDays, NotSeenMonths = NotSeenMonths, ToxicTrioMonths = ToxicTrioMonths, RepeatCount = RepeatCount,
        };
        await mergedChronology.SaveIndicatorSettingsAsync(Review, settings, ChildBornOn);
        TempData["Notification"] = "The indicator settings are saved.";
        return RedirectToPage("/Reviews/Chronology/Chronology", null, new { id = Id }, "indicators");
    }
}
