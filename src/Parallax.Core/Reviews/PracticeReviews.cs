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

    /// <summary>
    /// The reviews a caller may read (decision 0071): any of their partnership's, for a lead or administrator; for
    /// panel members and viewers, those whose lead lets them.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<PracticeReview, bool>> ReadableBy(Caller caller)
    {
        var partnershipId = caller.PartnershipId;
        return caller.IsLead ? r => r.PartnershipId == partnershipId : OpenedToReaders(partnershipId);
    }

    /// <summary>The partnership's reviews whose lead lets panel members and viewers read them: the readers' list.</summary>
    public static System.Linq.Expressions.Expression<Func<PracticeReview, bool>> OpenedToReaders(Guid partnershipId) =>
        r => r.PartnershipId == partnershipId && r.PanelCanRead;

    public async Task<ReviewHousehold> HouseholdAsync(PracticeReview review, CancellationToken ct = default)
    {
        var subject = await db.Cases.AsNoTracking().Include(c => c.Household).SingleAsync(c => c.Id == review.SubjectCaseId, ct);
        return new ReviewHousehold(subject, subject.Household);
    }

    /// <summary>The agencies asked for a chronology for this review and where each is, by agency name.</summary>
    public async Task<IReadOnlyList<ChronologyRequestRow>> RequestsAsync(PracticeReview review, CancellationToken ct = default) =>
        await (from r in db.ChronologyRequests.AsNoTracking()
               join a in db.Agencies on r.AgencyId equals a.Id
               where r.ReviewId == review.Id
               orderby a.Name
               select new ChronologyRequestRow(r.Id, a.Id, a.Name, r.Status, r.DueOn, db.ChronologyEvents.Count(e => e.RequestId == r.Id), r.SubmittedAt))
            .ToListAsync(ct);
}

/// <summary>One agency's chronology request as the review's pages list it: where it is and how many events it holds.</summary>
public sealed record ChronologyRequestRow(Guid Id, Guid AgencyId, string Agency, ChronologyStatus Status, DateOnly DueOn, int Events, DateTimeOffset? SubmittedAt);
