namespace Parallax.Features.Reviews.Learning;

/// <summary>
/// The review's learning: numbered learning points, good practice, questions for the partnership and
/// recommendations, each with a theme from the partnership's list so learning over time can follow it.
/// A recommendation can be taken into the action plan, where actions are added to it.
/// </summary>
public class LearningModel(PracticeReviews reviews, ReviewLearnings learnings, AuditFindings findings, ParallaxDbContext db) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public LearningKind? Kind { get; set; }

    [BindProperty] public string? Text { get; set; }

    [BindProperty] public Guid? ThemeId { get; set; }

    public PracticeReview Review { get; private set; } = null!;

    public IReadOnlyList<ReviewLearning> Items { get; private set; } = [];

    public IReadOnlyList<Theme> Themes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostAsync() => ChangeAsync(async r =>
    {
        var added = await learnings.AddLearningAsync(r, Kind, Text, ThemeId);
        TempData["Notification"] = $"{ReviewLearning.Describe(added.Kind)} {added.Number} is added.";
    });

    public Task<IActionResult> OnPostRemoveAsync(Guid learningId) => ChangeAsync(async r =>
    {
        await learnings.RemoveLearningAsync(r, learningId);
        TempData["Notification"] = "It is removed.";
    });

    public Task<IActionResult> OnPostActionPlanAsync(Guid learningId) => ChangeAsync(async r =>
    {
        var recommendation = await learnings.TakeToActionPlanAsync(r, learningId, User.Identity?.Name ?? "lead");
        TempData["Notification"] = $"Recommendation {recommendation.Number} is in the action plan. Add its actions from there.";
    });

    private async Task<IActionResult> ChangeAsync(Func<PracticeReview, Task> change)
    {
        var review = await reviews.FindAsync(User.SignedInPartnershipId(), Id);

        await change(review);
        return RedirectToPage("/Reviews/Learning/Learning", new { id = Id });
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => LoadAsync();

    private async Task LoadAsync()
    {
        var partnership = User.SignedInPartnershipId();
        Review = HttpContext.LoadedRecord<PracticeReview>();
        Items = await db.ReviewLearnings.AsNoTracking().Where(l => l.ReviewId == Id).OrderBy(l => l.Kind).ThenBy(l => l.Number).ToListAsync();
        Themes = await findings.ThemesAsync(partnership);
    }
}
