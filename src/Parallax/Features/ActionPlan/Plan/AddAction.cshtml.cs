namespace Parallax.Features.ActionPlan.Plan;

/// <summary>A SMART action for one recommendation: owner agency and named owner, what, the measure of success, the due date.</summary>
public class AddActionModel(ActionPlans plans, ParallaxDbContext db) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [FromRoute] public Guid RecommendationId { get; set; }

    [BindProperty] public Guid? OwnerAgencyId { get; set; }

    [BindProperty] public Guid? OwnerUserId { get; set; }

    [BindProperty] public string? What { get; set; }

    [BindProperty] public string? Measure { get; set; }

    [BindProperty] public DateParts DueOn { get; set; } = new();

    public Recommendation Recommendation { get; private set; } = null!;

    public string AuditTitle { get; private set; } = "";

    /// <summary>Where the recommendation is listed: the audit's recommendations or the review's learning.</summary>
    public string BackLink { get; private set; } = "";

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    /// <summary>Users who can own an action: anyone who belongs to one of the partnership's agencies.</summary>
    public IReadOnlyList<(Guid Id, string Name, string Agency)> Owners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (Recommendation.Addressee == Addressee.Agency) OwnerAgencyId = Recommendation.AddresseeAgencyId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        ViewData["FieldOrder"] = new[] { nameof(OwnerAgencyId), nameof(OwnerUserId), nameof(What), nameof(Measure), $"{nameof(DueOn)}.Day" };
        var due = DueOn.Parse("the due date", required: true, out var problem)
            ?? throw new DomainException(problem!, nameof(DueOn));
        await plans.AddActionAsync(User.SignedInPartnershipId(), RecommendationId, new ActionInput(OwnerAgencyId, OwnerUserId, What, Measure, due));
        TempData["Notification"] = $"The action is added to recommendation {Recommendation.Number}.";
        return Redirect(BackLink);
    }

    private async Task LoadAsync()
    {
        var partnership = User.SignedInPartnershipId();
        var recommendation = await db.Recommendations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == RecommendationId);
        // The recommendation belongs to the audit or the practice review in the route (a review's is reached at /reviews/{id}/...).
        if (recommendation is null || recommendation.PartnershipId != partnership || (recommendation.AuditId ?? recommendation.ReviewId) != Id) throw new RecordNotFoundException();
        Recommendation = recommendation;
        AuditTitle = recommendation.AuditId is not null
            ? await db.Audits.Where(a => a.Id == Id).Select(a => a.Title).SingleAsync()
            : await db.PracticeReviews.Where(r => r.Id == Id).Select(r => r.Title).SingleAsync();
        BackLink = recommendation.AuditId is not null ? Url.Page("/ActionPlan/Plan/Recommendations", new { id = Id })! : Url.Page("/Reviews/Learning/Learning", new { id = Id })!;
        Agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnership).OrderBy(a => a.Name).ToListAsync();
        Owners = [.. (await (from m in db.Members(partnership).AsNoTracking()
                             where m.AgencyId != null
                             join u in db.Users on m.UserId equals u.Id
                             join g in db.Agencies on m.AgencyId equals g.Id
                             orderby g.Name, u.DisplayName ?? u.Email
                             select new { u.Id, Name = u.DisplayName ?? u.Email!, Agency = g.Code }).ToListAsync()).Select(u => (u.Id, u.Name, u.Agency))];
    }
}
