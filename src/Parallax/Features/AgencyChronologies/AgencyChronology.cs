namespace Parallax.Features.AgencyChronologies;

/// <summary>The agency's request and its review, loaded and then checked: only the signed-in auditor's own agency, in their partnership.</summary>
public sealed record AgencyChronology(ChronologyRequest Request, PracticeReview Review)
{
    public static async Task<AgencyChronology?> LoadAsync(ParallaxDbContext db, Guid requestId, Guid partnershipId, Guid agencyId)
    {
        var request = await db.ChronologyRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId);
        if (request is null || request.AgencyId != agencyId || request.Status == ChronologyStatus.Draft) return null;
        var review = await db.PracticeReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == request.ReviewId);
        return review is null || review.PartnershipId != partnershipId ? null : new AgencyChronology(request, review);
    }

    /// <summary>Whether the agency may read the merged chronology: the review allows it and the agency has sent its own.</summary>
    public bool MaySeeMerged =>
        Review.ChronologyAccess == Parallax.Core.Reviews.ChronologyAccess.ContributingAgencies && Request.Status == ChronologyStatus.Submitted;
}
