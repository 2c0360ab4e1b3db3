using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.Data;
using Parallax.Core.Reviews;
using Parallax.Web;

namespace Parallax.Features.Reviews.Rapid;

/// <summary>
/// Each of the three safeguarding partners signs the Rapid Review off (who, their role, when), and then, and only then,
/// the decision whether a Child Safeguarding Practice Review follows is recorded with its reasons (decision 0073).
/// </summary>
public class SignOffModel(PracticeReviews reviews, RapidReviews rapid, ParallaxDbContext db) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public SafeguardingPartner? Partner { get; set; }

    [BindProperty] public string? SignedBy { get; set; }

    [BindProperty] public string? Role { get; set; }

    [BindProperty] public DateParts SignedOn { get; set; } = new();

    [BindProperty] public RapidReviewDecision? Decision { get; set; }

    [BindProperty] public string? DecisionReasons { get; set; }

    [BindProperty] public Guid Version { get; set; }

    /// <summary>The lead confirms a sign-off recorded with summaries or the meeting missing.</summary>
    [BindProperty] public bool SignDespiteMissing { get; set; }

    /// <summary>The lead confirms a decision recorded with summaries or the meeting missing.</summary>
    [BindProperty] public bool DecideDespiteMissing { get; set; }

    /// <summary>The agencies' summaries not yet submitted and the meeting if it is not recorded as held.</summary>
    public IReadOnlyList<string> Missing { get; private set; } = [];

    /// <summary>The name of the person who recorded the decision, where the record keeps their e-mail address.</summary>
    public string? DecidedBy { get; private set; }

    public PracticeReview Review { get; private set; } = null!;

    public IReadOnlyList<PartnerSignOff> SignOffs { get; private set; } = [];

    public bool AllSigned => Enum.GetValues<SafeguardingPartner>().All(p => SignOffs.Any(s => s.Partner == p));

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Version = Review.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostSignAsync()
    {
        ViewData["FieldOrder"] = new[] { nameof(Partner), nameof(SignedBy), nameof(Role), "SignedOn.Day", nameof(SignDespiteMissing) };
        var on = SignedOn.Parse("the date they signed off", required: true, out var problem);
        if (problem is not null) ModelState.AddModelError("SignedOn.Day", problem);
        return await ChangeAsync(r => ModelState.IsValid ? rapid.SignOffAsync(r, Partner, SignedBy, Role, on, By, SignDespiteMissing) : Task.CompletedTask,
            () => $"The {(Partner is { } p ? PartnerSignOff.Describe(p).ToLowerInvariant() : "partner")}'s sign-off is recorded.", nameof(SignDespiteMissing));
    }

    public Task<IActionResult> OnPostRemoveAsync(Guid signOffId) =>
        ChangeAsync(r => rapid.RemoveSignOffAsync(r, signOffId), () => "The sign-off is taken back.", nameof(SignDespiteMissing));

    public Task<IActionResult> OnPostDecideAsync()
    {
        ViewData["FieldOrder"] = new[] { nameof(Decision), nameof(DecisionReasons), nameof(DecideDespiteMissing) };
        return ChangeAsync(r => rapid.DecideAsync(r, Decision, DecisionReasons, By, Version, DecideDespiteMissing), () => "The decision is recorded.", nameof(DecideDespiteMissing));
    }

    private string By => User.Identity?.Name ?? "lead";

    private async Task<IActionResult> ChangeAsync(Func<PracticeReview, Task> change, Func<string> done, string confirmField)
    {
        var review = await reviews.FindOrNullAsync(User.PartnershipId()!.Value, Id);
        if (review is null || review.Kind != ReviewKind.RapidReview) return NotFound();
        if (ModelState.IsValid)
        {
            try
            {
                await change(review);
                TempData["Notification"] = done();
                return Redirect($"/reviews/{Id}/rapid/sign-off");
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(e.Field switch { nameof(SignedOn) => "SignedOn.Day", "DespiteMissing" => confirmField, _ => e.Field }, e.Message);
            }
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var review = await db.PracticeReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == Id);
        if (review is null || review.PartnershipId != User.PartnershipId() || review.Kind != ReviewKind.RapidReview) return false;
        Review = review;
        SignOffs = await rapid.SignOffsAsync(review.Id);
        Missing = await rapid.MissingAsync(review);
        DecidedBy = review.DecidedBy is { } by ? (await rapid.NamesAsync([by]))[by] : null;
        return true;
    }
}
