using Parallax.Features.Reviews.Chronology;

namespace Parallax.Features.AgencyChronologies;

/// <summary>The merged chronology, read-only, for an agency that contributed to a review which shares it (a learning event). Otherwise not found.</summary>
public class MergedModel(ChronologyViews views, ParallaxDbContext db) : MergedChronologyPage(views)
{
    protected override async Task<PracticeReview?> ReviewAsync() =>
        await AgencyChronology.LoadAsync(db, Id, User.SignedInPartnershipId(), User.SignedInAgencyId()) is { MaySeeMerged: true } chronology ? chronology.Review : null;
}
