namespace Parallax.Core.Reviews;

/// <summary>
/// An agency writing its own chronology for a practice review: its events by form and upload, the types Parallax
/// suggested confirmed, and the chronology submitted. Agencies reach only their own requests.
/// </summary>
public sealed class ChronologyWriting(ParallaxDbContext db, TimeProvider clock, PartnershipCalendar calendar, PracticeReviews reviews, ChronologyEventTypes eventTypes)
{
    /// <summary>
    /// The one rule for which chronology requests an agency works on: those sent to it (a draft has not been sent) in
    /// a review of its partnership. The agency's list, its pages' record filter and every change go through it.
    /// </summary>
    public IQueryable<ChronologyRequest> SentTo(Guid partnershipId, Guid agencyId) =>
        db.ChronologyRequests.Where(r => r.AgencyId == agencyId && r.Status != ChronologyStatus.Draft
            && db.PracticeReviews.Any(v => v.Id == r.ReviewId && v.PartnershipId == partnershipId));

    /// <summary>A request sent to the agency, tracked for a change; otherwise "not found".</summary>
    public async Task<ChronologyRequest> AgencyRequestAsync(Guid partnershipId, Guid agencyId, Guid requestId, CancellationToken ct = default) =>
        await SentTo(partnershipId, agencyId).FirstOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new RecordNotFoundException();

    /// <summary>A request sent to the agency with its review, read-only, as the agency's pages show it; null when out of its reach.</summary>
    public async Task<AgencyChronology?> AgencyChronologyAsync(Guid partnershipId, Guid agencyId, Guid requestId, CancellationToken ct = default) =>
        await (from r in SentTo(partnershipId, agencyId).AsNoTracking()
               join v in db.PracticeReviews.AsNoTracking() on r.ReviewId equals v.Id
               where r.Id == requestId
               select new AgencyChronology(r, v)).FirstOrDefaultAsync(ct);

    public async Task<ChronologyEvent> AddEventAsync(ChronologyRequest request, ChronologyEventInput input, CancellationToken ct = default)
    {
        RequireOpen(request);
        IdentifiableEvent(input);
        var order = (await db.ChronologyEvents.Where(e => e.RequestId == request.Id).MaxAsync(e => (int?)e.Order, ct) ?? 0) + 1;
        var added = Event(request, input, order);
        db.ChronologyEvents.Add(added);
        Started(request);
        await db.SaveOrRefuseAsync("Someone changed this chronology at the same time. Nothing was changed: look again and retry.", ct);
        return added;
    }

    public async Task UpdateEventAsync(ChronologyRequest request, Guid eventId, ChronologyEventInput input, CancellationToken ct = default)
    {
        RequireOpen(request);
        IdentifiableEvent(input);
        var existing = await db.ChronologyEvents.FirstOrDefaultAsync(e => e.Id == eventId && e.RequestId == request.Id, ct)
            ?? throw new DomainException("That event is not in your chronology");
        (existing.StartsOn, existing.Precision, existing.EndsOn, existing.EndPrecision) = (input.Date.Start, input.Date.Precision, input.Date.End, input.Date.EndPrecision);
        existing.Time = input.Time;
        existing.Text = input.Text;
        // The people are a set: the same people in another order (as a form posts them) is no change.
        if (!existing.PeopleIds.ToHashSet().SetEquals(input.PeopleIds)) existing.PeopleIds = [.. input.PeopleIds.Distinct()];
        existing.SourceReference = input.SourceReference;
        existing.AgencyComment = input.AgencyComment;
        existing.EventTypeId = input.EventTypeId;
        var more = (input.MoreTypeIds ?? []).Where(t => t != input.EventTypeId).Distinct().ToList();
        if (!existing.MoreTypeIds.ToHashSet().SetEquals(more)) existing.MoreTypeIds = more;
        existing.SuggestedBecause = input.SuggestedBecause;
        existing.TypeConfirmed = input.TypeConfirmed;
        Started(request);
        await db.SaveOrRefuseAsync("Someone changed this chronology at the same time. Nothing was changed: look again and retry.", ct);
    }

    public async Task RemoveEventAsync(ChronologyRequest request, Guid eventId, CancellationToken ct = default)
    {
        RequireOpen(request);
        var existing = await db.ChronologyEvents.FirstOrDefaultAsync(e => e.Id == eventId && e.RequestId == request.Id, ct)
            ?? throw new DomainException("That event is not in your chronology");
        db.ChronologyEvents.Remove(existing);
        await db.SaveOrRefuseAsync("Someone changed this chronology at the same time. Nothing was changed: look again and retry.", ct);
    }

    /// <summary>
    /// Reads an upload and, only when every row is right, adds its events (or replaces those entered so far)
    /// in one save. Returns the row errors; when there are any, nothing has changed.
    /// </summary>
    public async Task<ChronologyImport.Result> ImportAsync(ChronologyRequest request, Sheet sheet, bool replace, CancellationToken ct = default, bool firstsAreDays = false)
    {
        RequireOpen(request);
        var review = await db.PracticeReviews.AsNoTracking().SingleAsync(r => r.Id == request.ReviewId, ct);
        var household = await reviews.HouseholdAsync(review, ct);
        var types = await eventTypes.EventTypesAsync(review.PartnershipId, ct);
        var result = ChronologyImport.Read(sheet, household, types, calendar.Today);
        if (result.Errors.Count > 0) return result;
        // Nothing is stored until the agency has said the dates on the 1st are real days.
        if (result.Warning is not null && !firstsAreDays) return result with { Events = [] };

        var existing = await db.ChronologyEvents.Where(e => e.RequestId == request.Id).ToListAsync(ct);
        if (replace) db.ChronologyEvents.RemoveRange(existing);
        var order = replace ? 0 : existing.Select(e => e.Order).DefaultIfEmpty(0).Max();
        foreach (var input in result.Events) db.ChronologyEvents.Add(Event(request, input, ++order));
        Started(request);
        await db.SaveOrRefuseAsync("Someone changed this chronology at the same time. Nothing was uploaded: look again and retry.", ct);
        return result;
    }

    /// <summary>
    /// The agency accepts every type Parallax suggested. Events with no suggestion stay unconfirmed: confirming
    /// "nothing" would hide them from every indicator, so each needs a type, or "Other", chosen by hand.
    /// </summary>
    public async Task<int> ConfirmSuggestedTypesAsync(ChronologyRequest request, CancellationToken ct = default)
    {
        RequireOpen(request);
        var suggested = await db.ChronologyEvents.Where(e => e.RequestId == request.Id && !e.TypeConfirmed && e.EventTypeId != null).ToListAsync(ct);
        foreach (var e in suggested) e.TypeConfirmed = true;
        await db.SaveChangesAsync(ct);
        return suggested.Count;
    }

    public async Task SubmitAsync(ChronologyRequest request, string by, CancellationToken ct = default)
    {
        RequireOpen(request);
        var events = await db.ChronologyEvents.Where(e => e.RequestId == request.Id).Select(e => new { e.TypeConfirmed, e.EventTypeId }).ToListAsync(ct);
        if (events.Count == 0) throw new DomainException("Add at least one event, or upload your chronology, before submitting");
        var untyped = events.Count(e => e.EventTypeId is null);
        if (untyped > 0)
            throw new DomainException($"{(untyped == 1 ? "1 event has" : $"{untyped} events have")} no type: choose a type for {(untyped == 1 ? "it" : "each")}, or \"Other\" if none fits, before submitting");
        var unconfirmed = events.Count(e => !e.TypeConfirmed);
        if (unconfirmed > 0)
            throw new DomainException($"Confirm the type of {(unconfirmed == 1 ? "1 event" : $"{unconfirmed} events")} before submitting: check the suggested types and confirm them");
        request.Status = ChronologyStatus.Submitted;
        request.SubmittedAt = clock.GetUtcNow();
        request.SubmittedBy = by;
        await db.SaveOrRefuseAsync("Someone changed this chronology at the same time. Nothing was submitted: look again and retry.", ct);
    }

    private ChronologyEvent Event(ChronologyRequest request, ChronologyEventInput input, int order) => new()
    {
        RequestId = request.Id, ReviewId = request.ReviewId, AgencyId = request.AgencyId,
        StartsOn = input.Date.Start, Precision = input.Date.Precision, EndsOn = input.Date.End, EndPrecision = input.Date.EndPrecision,
        Time = input.Time, Text = input.Text, PeopleIds = [.. input.PeopleIds], SourceReference = input.SourceReference, AgencyComment = input.AgencyComment,
        EventTypeId = input.EventTypeId, TypeConfirmed = input.TypeConfirmed, Order = order, CreatedAt = clock.GetUtcNow(),
        MoreTypeIds = [.. (input.MoreTypeIds ?? []).Where(t => t != input.EventTypeId).Distinct()], SuggestedBecause = input.SuggestedBecause,
    };

    private static void RequireOpen(ChronologyRequest request)
    {
        if (request.Status == ChronologyStatus.Submitted)
            throw new DomainException("Your chronology has been submitted. Ask the review lead to reopen it if something needs to change.");
    }

    private static void Started(ChronologyRequest request)
    {
        if (request.Status == ChronologyStatus.Requested) request.Status = ChronologyStatus.InProgress;
    }

    // The page checks these too; the service checks again so no other way in stores them unchecked.
    private static void IdentifiableEvent(ChronologyEventInput input)
    {
        ChronologyImport.RefuseIdentifiable(input.Text, "Text");
        if (input.AgencyComment is { } comment) ChronologyImport.RefuseIdentifiable(comment, "AgencyComment");
    }
}

/// <summary>An agency's chronology request and the review it is for, as the agency's own pages show them.</summary>
public sealed record AgencyChronology(ChronologyRequest Request, PracticeReview Review)
{
    /// <summary>Whether the agency may read the merged chronology: the review allows it and the agency has sent its own.</summary>
    public bool MaySeeMerged =>
        Review.ChronologyAccess == ChronologyAccess.ContributingAgencies && Request.Status == ChronologyStatus.Submitted;
}
