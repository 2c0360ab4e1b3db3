namespace Parallax.Features.AgencyChronologies;

/// <summary>The chronologies the signed-in auditor's agency has been asked for.</summary>
public class IndexModel(ChronologyWriting writing, ParallaxDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Review, ReviewKind Kind, ChronologyStatus Status, DateOnly DueOn, int Events);

    public IReadOnlyList<Row> Requests { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var partnership = User.SignedInPartnershipId();
        var agency = User.SignedInAgencyId();
        Requests = await (from r in writing.SentTo(partnership, agency).AsNoTracking()
                          join v in db.PracticeReviews on r.ReviewId equals v.Id
                          orderby r.Status == ChronologyStatus.Submitted, r.DueOn
                          select new Row(r.Id, v.Title, v.Kind, r.Status, r.DueOn, db.ChronologyEvents.Count(e => e.RequestId == r.Id))).ToListAsync();
    }
}
