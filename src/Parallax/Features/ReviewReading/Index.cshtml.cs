namespace Parallax.Features.ReviewReading;

/// <summary>The reviews the partnership's leads have opened to panel members and viewers, newest first.</summary>
public class IndexModel(ParallaxDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Title, ReviewKind Kind, ReviewStatus Status, DateOnly NotifiedOn);

    public IReadOnlyList<Row> Reviews { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Reviews = await db.PracticeReviews.AsNoTracking().Where(PracticeReviews.OpenedToReaders(User.SignedInPartnershipId()))
            .OrderByDescending(r => r.NotifiedOn).ThenBy(r => r.Title)
            .Select(r => new Row(r.Id, r.Title, r.Kind, r.Status, r.NotifiedOn)).ToListAsync();
    }
}
