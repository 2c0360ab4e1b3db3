namespace Parallax.Features.Reviews.Open;

/// <summary>The partnership's Rapid Reviews and practice reviews, newest first.</summary>
public class IndexModel(ParallaxDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Title, ReviewKind Kind, ReviewStatus Status, DateOnly NotifiedOn, DateOnly? RapidReviewDueOn, int Agencies, int Submitted);

    public IReadOnlyList<Row> Reviews { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var partnership = User.SignedInPartnershipId();
        Reviews = await db.PracticeReviews.AsNoTracking().Where(r => r.PartnershipId == partnership)
            .OrderByDescending(r => r.NotifiedOn).ThenBy(r => r.Title)
            .Select(r => new Row(r.Id, r.Title, r.Kind, r.Status, r.NotifiedOn, r.RapidReviewDueOn,
                db.ChronologyRequests.Count(q => q.ReviewId == r.Id),
                db.ChronologyRequests.Count(q => q.ReviewId == r.Id && q.Status == ChronologyStatus.Submitted)))
            .ToListAsync();
    }
}
