namespace Parallax.Features.Reviews.Rapid;

/// <summary>The milestones of the Child Safeguarding Practice Review that follows a Rapid Review: target and actual dates, late ones shown.</summary>
public class MilestonesModel(PracticeReviews reviews, RapidReviews rapid, ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public List<DateParts> Targets { get; set; } = [];

    [BindProperty] public List<DateParts> Achieved { get; set; } = [];

    public PracticeReview Review { get; private set; } = null!;

    public IReadOnlyList<ReviewMilestone> Milestones { get; private set; } = [];

    public DateOnly Today => calendar.Today;

    public static IReadOnlyList<MilestoneKind> Kinds { get; } = Enum.GetValues<MilestoneKind>();

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Targets = [.. Kinds.Select(k => DateParts.From(Milestones.FirstOrDefault(m => m.Kind == k)?.TargetOn))];
        Achieved = [.. Kinds.Select(k => DateParts.From(Milestones.FirstOrDefault(m => m.Kind == k)?.AchievedOn))];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var review = await reviews.FindAsync(User.SignedInPartnershipId(), Id);
        if (review.Decision != RapidReviewDecision.PracticeReview) return NotFound();
        var errors = new List<(string Id, string Message)>();
        var inputs = new List<MilestoneInput>();
        while (Targets.Count < Kinds.Count) Targets.Add(new());
        while (Achieved.Count < Kinds.Count) Achieved.Add(new());
        foreach (var (kind, i) in Kinds.Select((k, i) => (k, i)))
        {
            var name = ReviewMilestone.Describe(kind).ToLowerInvariant();
            var target = Targets[i].Parse($"the target date for {name}", required: false, out var targetProblem);
            if (targetProblem is not null) errors.Add(($"Targets[{i}].Day", targetProblem));
            var achieved = Achieved[i].Parse($"the date of {name}", required: false, out var achievedProblem);
            if (achievedProblem is not null) errors.Add(($"Achieved[{i}].Day", achievedProblem));
            inputs.Add(new MilestoneInput(kind, target, achieved));
        }

        if (errors.Count == 0)
        {
            try
            {
                await rapid.SetMilestonesAsync(review, inputs);
                TempData["Notification"] = "The milestones are saved.";
                return RedirectToPage("/Reviews/Rapid/Milestones", new { id = Id });
            }
            catch (DomainException e)
            {
                var index = e.Field.StartsWith("Milestones[", StringComparison.Ordinal) ? e.Field["Milestones[".Length..^1] : "0";
                errors.Add(($"Targets[{index}].Day", e.Message));
            }
        }

        foreach (var (id, message) in errors) ModelState.AddModelError(id, message);
        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var review = HttpContext.LoadedRecord<PracticeReview>();
        if (review.Decision != RapidReviewDecision.PracticeReview) throw new RecordNotFoundException();
        Review = review;
        Milestones = await rapid.MilestonesAsync(review.Id);
    }
}
