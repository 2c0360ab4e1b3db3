namespace Parallax.Core.Reviews;

/// <summary>
/// A partnership's practice reviews: one found for a change, and the household its chronologies name. What each step
/// does is in its own class: <see cref="ReviewOpening"/>, <see cref="ChronologyWriting"/> (an agency's own chronology),
/// <see cref="ReviewChronology"/> (the lead's merged chronology), <see cref="ChronologyEventTypes"/> and <see cref="ReviewLearnings"/>.
/// </summary>
public sealed class PracticeReviews(ParallaxDbContext db)
{
    /// <summary>The review of this partnership, tracked for a change; otherwise "not found".</summary>
    public async Task<PracticeReview> FindAsync(Guid partnershipId, Guid reviewId, CancellationToken ct = default) =>
        await FindOrNullAsync(partnershipId, reviewId, ct) ?? throw new RecordNotFoundException();

    /// <summary>The review of this partnership, tracked; null when there is none or it is another partnership's (loaded, then checked).</summary>
    public async Task<PracticeReview?> FindOrNullAsync(Guid partnershipId, Guid reviewId, CancellationToken ct = default)
    {
        var review = await db.PracticeReviews.FirstOrDefaultAsync(r => r.Id == reviewId, ct);
        return review is not null && review.PartnershipId == partnershipId ? review : null;
    }

    public async Task<ReviewHousehold> HouseholdAsync(PracticeReview review, CancellationToken ct = default)
    {
        var subject = await db.Cases.AsNoTracking().Include(c => c.Household).SingleAsync(c => c.Id == review.SubjectCaseId, ct);
        return new ReviewHousehold(subject, subject.Household);
    }
}
