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
        await LoadAsync();
        Version = Review.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostSignAsync()
    {
        ViewData["FieldOrder"] = new[] { nameof(Partner), nameof(SignedBy), nameof(Role), "SignedOn.Day", nameof(SignDespiteMissing) };
        var on = SignedOn.Parse("the date they signed off", required: true, out var problem);
        if (problem is not null) ModelState.AddModelError("SignedOn.Day", problem);
        // A date that could not be read goes to the rules as none, so its other fields' problems are listed with it
        // (the rules refuse a sign-off without a date before saving anything).
        return await ChangeAsync(r => rapid.SignOffAsync(r, Partner, SignedBy, Role, problem is null ? on : null, By, SignDespiteMissing),
            () => $"The {(Partner is { } p ? PartnerSignOff.Describe(p).ToLowerInvariant() : "partner")}'s sign-off is recorded.", nameof(SignDespiteMissing),
            evenWithABadDate: true);
    }

    public Task<IActionResult> OnPostRemoveAsync(Guid signOffId) =>
        ChangeAsync(r => rapid.RemoveSignOffAsync(r, signOffId), () => "The sign-off is taken back.", nameof(SignDespiteMissing));

    public Task<IActionResult> OnPostDecideAsync()
    {
        ViewData["FieldOrder"] = new[] { nameof(Decision), nameof(DecisionReasons), nameof(DecideDespiteMissing) };
        return ChangeAsync(r => rapid.DecideAsync(r, Decision, DecisionReasons, By, Version, DecideDespiteMissing), () => "The decision is recorded.", nameof(DecideDespiteMissing));
    }

    private string By => User.Identity?.Name ?? "lead";

    private async Task<IActionResult> ChangeAsync(Func<PracticeReview, Task> change, Func<string> done, string confirmField, bool evenWithABadDate = false)
    {
        var review = await reviews.FindAsync(User.SignedInPartnershipId(), Id);
        if (review.Kind != ReviewKind.RapidReview) return NotFound();
        var invalid = ModelState.Where(entry => entry.Value?.ValidationState == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid).Select(entry => entry.Key).ToList();
        try
        {
            if (invalid.Count == 0)
            {
                await change(review);
                TempData["Notification"] = done();
                return RedirectToPage("/Reviews/Rapid/SignOff", new { id = Id });
            }

            // Only the date could not be read: the rules still list the other fields' problems (and save nothing without a date).
            if (evenWithABadDate && invalid.All(key => key == "SignedOn.Day")) await change(review);
        }
        catch (DomainException e)
        {
            // Every problem the rules found, beside its field; a field the page has already found a problem in keeps that one.
            foreach (var (field, message) in e.Problems)
            {
                var key = field switch { nameof(SignedOn) => "SignedOn.Day", "DespiteMissing" => confirmField, _ => field };
                if (ModelState.GetFieldValidationState(key) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid) ModelState.AddModelError(key, message);
            }
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var review = Review = HttpContext.LoadedRecord<PracticeReview>();
        SignOffs = await rapid.SignOffsAsync(review.Id);
        Missing = await rapid.MissingAsync(review);
        DecidedBy = review.DecidedBy is { } by ? (await rapid.NamesAsync([by]))[by] : null;
    }
}
