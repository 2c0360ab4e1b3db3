using Microsoft.EntityFrameworkCore;
using Parallax.Core.Calendar;
using Parallax.Core.Cases;
using Parallax.Core.Data;
using Parallax.Core.Spreadsheets;

namespace Parallax.Core.Reviews;

/// <summary>What the lead enters to open a review: the kind, the incident, and the subject child and household.</summary>
public sealed record ReviewInput(
    ReviewKind? Kind, string? Title, string? TriggerIncident, DateOnly? IncidentOn, DateOnly? NotifiedOn, DateOnly? PeriodFrom, DateOnly? PeriodTo,
    string? SubjectUin, string? SubjectInitials, int? SubjectAge, Sex? SubjectSex, LevelOfNeed? SubjectLevel, IReadOnlyList<HouseholdInput> Household,
    DatePrecision IncidentPrecision = DatePrecision.Day);

/// <summary>The rest of a review, edited as it goes: terms of reference, author, access, status and the report's narrative.</summary>
public sealed record ReviewDetails(
    string? TermsOfReference, DateOnly? PeriodFrom, DateOnly? PeriodTo, string? Author, ChronologyAccess Access, ReviewStatus Status, DateOnly? PublishedOn,
    string? Introduction, string? Process, string? FamilyBackground, string? Analysis, string? Conclusion, bool PanelCanRead = false);

/// <summary>
/// Practice reviews: opening one with its subject, asking agencies for chronologies (with the
/// deadline, notice and reminders returns use), the agencies' events by form and upload, and the learning.
/// Every write checks the review belongs to the caller's partnership and, for agencies, that the request is theirs.
/// </summary>
public sealed class PracticeReviews(ParallaxDbContext db, TimeProvider clock, PartnershipCalendar calendar, ChronologyChaser chaser, MergedChronologies merging)
{
    public const int RapidReviewWorkingDays = 15;
    public const int DefaultChronologyWorkingDays = 10;
    public const int MaxNarrative = TextLimits.Section;

    public async Task<PracticeReview> CreateAsync(Guid partnershipId, ReviewInput input, string by, CancellationToken ct = default)
    {
        var title = Required(input.Title, "Enter how the review is known, such as \"Child T\"", nameof(input.Title), 200);
        var kind = input.Kind ?? throw new DomainException("Select the kind of review", nameof(input.Kind));
        var trigger = Required(input.TriggerIncident, "Enter the incident that led to the review", nameof(input.TriggerIncident), 2000);
        ChronologyImport.RefuseIdentifiable(trigger, nameof(input.TriggerIncident));
        var today = calendar.Today;
        var incident = input.IncidentOn ?? throw new DomainException("Enter the date of the incident", nameof(input.IncidentOn));
        if (input.IncidentPrecision is not (DatePrecision.Day or DatePrecision.Month))
            throw new DomainException("The date of the incident must be a day or a month", nameof(input.IncidentOn));
        if (input.IncidentPrecision == DatePrecision.Month) incident = new DateOnly(incident.Year, incident.Month, 1);
        if (incident > today) throw new DomainException("The date of the incident must be today or in the past", nameof(input.IncidentOn));
        var notified = input.NotifiedOn ?? throw new DomainException("Enter the date the local authority learned of the incident", nameof(input.NotifiedOn));
        if (notified < incident) throw new DomainException("The local authority cannot have learned of the incident before it happened", nameof(input.NotifiedOn));
        if (notified > today) throw new DomainException("The date the local authority learned of the incident must be today or in the past", nameof(input.NotifiedOn));
        var (from, to) = Period(input.PeriodFrom, input.PeriodTo);

        var subject = await SubjectAsync(partnershipId, input, ct);
        var holidays = await calendar.HolidaysAsync(partnershipId, ct);
        var review = new PracticeReview
        {
            PartnershipId = partnershipId, Kind = kind, Title = title, SubjectCaseId = subject.Id, TriggerIncident = trigger,
            IncidentOn = incident, IncidentPrecision = input.IncidentPrecision, NotifiedOn = notified, PeriodFrom = from, PeriodTo = to,
            RapidReviewDueOn = kind == ReviewKind.RapidReview ? WorkingDays.Add(notified, RapidReviewWorkingDays, holidays) : null,
            Status = ReviewStatus.Scoping, ChronologyAccess = ChronologyAccess.LeadsOnly, CreatedBy = by, CreatedAt = clock.GetUtcNow(),
        };
        db.PracticeReviews.Add(review);
        await EnsureEventTypesAsync(partnershipId, ct);
        await db.SaveChangesAsync(ct);
        return review;
    }

    public async Task UpdateAsync(PracticeReview review, ReviewDetails details, Guid expectedVersion, CancellationToken ct = default)
    {
        var (from, to) = Period(details.PeriodFrom, details.PeriodTo);
        if (details.Status == ReviewStatus.Published && details.PublishedOn is null)
            throw new DomainException("Enter the date the review was published", nameof(details.PublishedOn));
        if (details.PublishedOn is { } published && published < review.NotifiedOn)
            throw new DomainException("The review cannot be published before the partnership was notified", nameof(details.PublishedOn));
        review.TermsOfReference = Narrative(details.TermsOfReference, nameof(details.TermsOfReference));
        review.PeriodFrom = from;
        review.PeriodTo = to;
        review.Author = Optional(details.Author, 200, nameof(details.Author));
        review.ChronologyAccess = details.Access;
        review.PanelCanRead = details.PanelCanRead;
        review.Status = details.Status;
        review.PublishedOn = details.PublishedOn;
        review.Introduction = Narrative(details.Introduction, nameof(details.Introduction));
        review.Process = Narrative(details.Process, nameof(details.Process));
        review.FamilyBackground = Narrative(details.FamilyBackground, nameof(details.FamilyBackground));
        review.Analysis = Narrative(details.Analysis, nameof(details.Analysis));
        review.Conclusion = Narrative(details.Conclusion, nameof(details.Conclusion));
        db.Entry(review).Property(r => r.Version).OriginalValue = expectedVersion;
        await db.SaveOrRefuseAsync("Someone else changed this review while you were editing it. Nothing was saved: look at their changes and make yours again.", ct);
    }

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

    // ---- Chronology requests ----

    public async Task AddAgencyAsync(PracticeReview review, Guid? agencyId, CancellationToken ct = default)
    {
        if (agencyId is null || !await db.Agencies.AnyAsync(a => a.Id == agencyId && a.PartnershipId == review.PartnershipId, ct))
            throw new DomainException("Select an agency of the partnership", "AgencyId");
        if (await db.Agencies.AnyAsync(a => a.Id == agencyId && a.RetiredAt != null, ct))
            throw new DomainException("That agency has been retired from the partnership and gets no new requests", "AgencyId");
        if (await db.ChronologyRequests.AnyAsync(r => r.ReviewId == review.Id && r.AgencyId == agencyId, ct))
            throw new DomainException("That agency is already involved in this review", "AgencyId");
        db.ChronologyRequests.Add(new ChronologyRequest { ReviewId = review.Id, AgencyId = agencyId.Value, Status = ChronologyStatus.Draft, DueOn = review.ChronologiesDueOn ?? calendar.Today });
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveAgencyAsync(PracticeReview review, Guid requestId, CancellationToken ct = default)
    {
        var request = await db.ChronologyRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.ReviewId == review.Id, ct)
            ?? throw new DomainException("That agency is not involved in this review");
        if (request.Status != ChronologyStatus.Draft)
            throw new DomainException("The agency has already been asked for its chronology, so it stays on the review");
        db.ChronologyRequests.Remove(request);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The requests sent: how many, and the agencies whose auditors were e-mailed and those with nobody to e-mail, by name.</summary>
    public sealed record ChronologiesSent(int Count, IReadOnlyList<string> Emailed, IReadOnlyList<string> NoContact);

    /// <summary>Sends every request not yet sent, due <paramref name="workingDays"/> working days from today; queues the notices in the same save.</summary>
    public async Task<ChronologiesSent> SendRequestsAsync(PracticeReview review, int workingDays, CancellationToken ct = default)
    {
        if (workingDays is < 1 or > 60) throw new DomainException("Working days to return must be between 1 and 60", "WorkingDays");
        var drafts = await db.ChronologyRequests.Where(r => r.ReviewId == review.Id && r.Status == ChronologyStatus.Draft).ToListAsync(ct);
        if (drafts.Count == 0) throw new DomainException("Every agency on the review has been asked already: add an agency first", "WorkingDays");
        var holidays = await calendar.HolidaysAsync(review.PartnershipId, ct);
        // A Rapid Review asks for the agency summary too: never for one already due (decision 0076).
        if (review.Kind == ReviewKind.RapidReview && RapidReviewClock.SummariesDue(review, holidays) is var summaries && summaries <= calendar.Today)
            throw new DomainException(
                $"The agency summaries {(summaries == calendar.Today ? "are due today" : $"were due on {summaries:d MMMM yyyy}")}, so the agencies would be asked for something already due. "
                + "Set a later date for agency summaries in the Rapid Review's dates first, then ask the agencies", "WorkingDays");
        var due = WorkingDays.Add(calendar.Today, workingDays, holidays);
        var now = clock.GetUtcNow();
        foreach (var request in drafts)
        {
            request.Status = ChronologyStatus.Requested;
            request.DueOn = due;
            request.SentAt = now;
        }

        review.ChronologiesDueOn = due;
        if (review.Status == ReviewStatus.Scoping) review.Status = ReviewStatus.ChronologiesRequested;
        var (emailed, noContact) = await chaser.NotifySentAsync(review, drafts, ct);
        await db.SaveChangesAsync(ct);
        var ids = emailed.Concat(noContact).ToList();
        var names = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return new ChronologiesSent(drafts.Count, [.. emailed.Select(id => names[id]).Order()], [.. noContact.Select(id => names[id]).Order()]);
    }

    /// <summary>The lead reopens a submitted chronology so the agency can correct it.</summary>
    public async Task ReopenAsync(PracticeReview review, Guid requestId, CancellationToken ct = default)
    {
        var request = await db.ChronologyRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.ReviewId == review.Id, ct)
            ?? throw new DomainException("That agency is not involved in this review");
        if (request.Status != ChronologyStatus.Submitted) throw new DomainException("Only a submitted chronology can be reopened");
        request.Status = ChronologyStatus.InProgress;
        request.SubmittedAt = null;
        request.SubmittedBy = null;
        await db.SaveOrRefuseAsync("Someone changed this chronology at the same time. Nothing was changed: look again and retry.", ct);
    }

    /// <summary>A sent request of the given agency, tracked; agencies reach only their own (checked after loading).</summary>
    public async Task<ChronologyRequest> AgencyRequestAsync(Guid partnershipId, Guid agencyId, Guid requestId, CancellationToken ct = default)
    {
        var request = await db.ChronologyRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || request.AgencyId != agencyId || request.Status == ChronologyStatus.Draft) throw new RecordNotFoundException();
        if (!await db.PracticeReviews.AnyAsync(r => r.Id == request.ReviewId && r.PartnershipId == partnershipId, ct)) throw new RecordNotFoundException();
        return request;
    }

    // ---- Events ----

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
        var household = await HouseholdAsync(review, ct);
        var types = await EventTypesAsync(review.PartnershipId, ct);
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

    /// <summary>
    /// Every event of the review's chronologies that agencies have submitted, as the merge reads them: the main
    /// type's signal, the other types' signals, and "closed with no further action" when the words say so
    /// (decision 0063). Loaded in three queries (the submitted requests with their agencies, the partnership's types,
    /// the events) and joined in memory, which is faster than a join on thousands of rows with both providers; the
    /// events of a chronology that has not changed since it was last read come from memory instead (decision 0080).
    /// </summary>
    public async Task<List<MergeEvent>> SubmittedEventsAsync(Guid reviewId, CancellationToken ct = default)
    {
        var requests = await (from r in db.ChronologyRequests.AsNoTracking()
                              where r.ReviewId == reviewId && r.Status == ChronologyStatus.Submitted
                              join a in db.Agencies on r.AgencyId equals a.Id
                              select new { r.Id, r.Version, a.Code }).ToListAsync(ct);
        if (requests.Count == 0) return [];
        var types = await db.ChronologyEventTypes.AsNoTracking()
            .Where(t => db.PracticeReviews.Any(r => r.Id == reviewId && r.PartnershipId == t.PartnershipId)).ToListAsync(ct);
        var typesStamp = MergedChronologies.TypesStamp(types);

        // Each submitted chronology from memory when nothing it was made from has changed since (decision 0080).
        var merged = new List<MergeEvent>();
        var missing = new Dictionary<Guid, MergedChronologies.Key>();
        foreach (var request in requests)
        {
            var key = new MergedChronologies.Key(request.Id, request.Version, request.Code, typesStamp);
            if (merging.TryGet(key, out var kept)) merged.AddRange(kept);
            else missing[request.Id] = key;
        }

        if (missing.Count == 0) return merged;
        var requestIds = missing.Keys.ToList();
        // By request only (they are the review's): SQLite then reads each chronology's rows in the order they were
        // written, rather than jumping between agencies through the review's date index, a third faster.
        var events = await ReadForMergeAsync(reviewId, db.ChronologyEvents.Where(e => requestIds.Contains(e.RequestId)), ct);
        var lookup = new TypeLookup(types);
        foreach (var chronology in events.GroupBy(e => e.RequestId))
        {
            var key = missing[chronology.Key];
            MergeEvent[] read = [.. chronology.Select(e => ToMerge(e, key.AgencyCode, lookup))];
            merging.Set(key, read);
            merged.AddRange(read);
            missing.Remove(chronology.Key);
        }

        foreach (var empty in missing.Values) merging.Set(empty, []);
        return merged;
    }

    /// <summary>
    /// The events of a review, with the fields the merge reads, read row by row
    /// from the command EF Core makes for the query. A review holds thousands of events, and EF Core's reader of the two
    /// id lists (JSON text on SQLite) took half the time of the whole load there; read here, a list is parsed without a
    /// JSON reader (<see cref="IdList"/>), an array (PostgreSQL) taken as it is, and a date read in its one stored form.
    /// Columns are found by name, so the order EF Core writes them in does not matter.
    /// </summary>
    private async Task<List<ChronologyEvent>> ReadForMergeAsync(Guid reviewId, IQueryable<ChronologyEvent> query, CancellationToken ct)
    {
        var projected = query.Select(e => new
        {
            e.Id, e.RequestId, e.AgencyId, e.StartsOn, e.Precision, e.EndsOn, e.EndPrecision, e.Time, e.Text, e.PeopleIds,
            e.SourceReference, e.AgencyComment, e.EventTypeId, e.MoreTypeIds, e.SuggestedBecause, e.Order,
        });
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = projected.CreateDbCommand();
            await using var reader = await command.ExecuteReaderAsync(ct);
            int Column(string name) => reader.GetOrdinal(name);
            var (id, request, agency, starts, precision, ends, endPrecision, time, text, people, reference, comment, type, more, because, order) =
                (Column("Id"), Column("RequestId"), Column("AgencyId"), Column("StartsOn"), Column("Precision"), Column("EndsOn"), Column("EndPrecision"),
                 Column("Time"), Column("Text"), Column("PeopleIds"), Column("SourceReference"), Column("AgencyComment"), Column("EventTypeId"), Column("MoreTypeIds"),
                 Column("SuggestedBecause"), Column("Order"));
            string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
            List<Guid> Ids(int column) => reader.IsDBNull(column) ? [] : reader.GetValue(column) switch
            {
                Guid[] array => [.. array],
                string json => IdList(json),
                var other => throw new InvalidOperationException($"A list of ids was read as {other.GetType().Name}."),
            };
            // SQLite keeps a date as text in one form; PostgreSQL has a date type its reader converts.
            DateOnly Date(int column) => reader.GetFieldType(column) == typeof(string)
                ? DateOnly.ParseExact(reader.GetString(column), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                : reader.GetFieldValue<DateOnly>(column);
            var events = new List<ChronologyEvent>();
            while (await reader.ReadAsync(ct))
            {
                events.Add(new ChronologyEvent
                {
                    Id = reader.GetGuid(id), RequestId = reader.GetGuid(request), ReviewId = reviewId, AgencyId = reader.GetGuid(agency),
                    StartsOn = Date(starts), Precision = Enum.Parse<DatePrecision>(reader.GetString(precision)),
                    EndsOn = reader.IsDBNull(ends) ? null : Date(ends),
                    EndPrecision = reader.IsDBNull(endPrecision) ? null : Enum.Parse<DatePrecision>(reader.GetString(endPrecision)),
                    Time = reader.IsDBNull(time) ? null : reader.GetFieldValue<TimeOnly>(time),
                    Text = reader.GetString(text), PeopleIds = Ids(people), SourceReference = Text(reference), AgencyComment = Text(comment),
                    EventTypeId = reader.IsDBNull(type) ? null : reader.GetGuid(type), MoreTypeIds = Ids(more), SuggestedBecause = Text(because), Order = reader.GetInt32(order),
                });
            }

            return events;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A list of ids as EF Core stores it in a text column (<c>["0191…","0192…"]</c>), read without a JSON reader, which
    /// cost more than the rest of the row. Anything in another shape goes to the JSON reader.
    /// </summary>
    internal static List<Guid> IdList(string json)
    {
        const int GuidLength = 36, Step = GuidLength + 3; // "guid",
        var text = json.AsSpan().Trim();
        if (text is "[]") return [];
        var ids = new List<Guid>(Math.Max(1, text.Length / Step));
        var at = 1;
        while (at + GuidLength + 2 <= text.Length && text[at] == '"' && text[at + GuidLength + 1] == '"'
               && Guid.TryParseExact(text.Slice(at + 1, GuidLength), "D", out var parsed))
        {
            ids.Add(parsed);
            at += GuidLength + 2;
            if (at == text.Length - 1 && text[at] == ']') return ids;
            if (at >= text.Length || text[at] != ',') break;
            at++;
        }

        return System.Text.Json.JsonSerializer.Deserialize<List<Guid>>(json) ?? [];
    }

    /// <summary>The types whose signal can be read from the words alone, without an agency choosing them.</summary>
    private static readonly EventSignal[] ReadFromWords = [EventSignal.ClosedNoFurtherAction];

    /// <summary>What the indicators need to know about the review itself.</summary>
    public static IndicatorContext Context(PracticeReview review) => new(review.IncidentOn, review.SubjectCaseId, review.ChildBornOn, review.Indicators, review.IncidentPrecision);

    public static MergeEvent ToMerge(ChronologyEvent e, string agency, IReadOnlyList<ChronologyEventType> types) => ToMerge(e, agency, new TypeLookup(types));

    /// <summary>The partnership's types by id, and those read from the words, made once for a whole chronology.</summary>
    private sealed class TypeLookup
    {
        public TypeLookup(IReadOnlyList<ChronologyEventType> types)
        {
            ById = types.ToDictionary(t => t.Id);
            fromWords = [.. types.Where(x => ReadFromWords.Contains(x.Signal)).OrderBy(x => x.Order).Select(x => (x.Signal, EventTypes.KeywordsOf(x).ToArray()))];
            anyKeyword = System.Buffers.SearchValues.Create([.. fromWords.SelectMany(w => w.Keywords).Distinct(StringComparer.OrdinalIgnoreCase)], StringComparison.OrdinalIgnoreCase);
        }

        public Dictionary<Guid, ChronologyEventType> ById { get; }

        /// <summary>The keywords of the types read from the words, split once rather than once per event.</summary>
        private readonly (EventSignal Signal, string[] Keywords)[] fromWords;

        /// <summary>All those keywords searched at once, so the many texts that hold none of them are passed over in one scan.</summary>
        private readonly System.Buffers.SearchValues<string> anyKeyword;

        public IEnumerable<EventSignal> SignalsInWords(string text) =>
            !text.AsSpan().ContainsAny(anyKeyword) ? [] : fromWords.Where(w => w.Keywords.Any(k => EventTypes.Mentions(text, k))).Select(w => w.Signal);
    }

    private static MergeEvent ToMerge(ChronologyEvent e, string agency, TypeLookup types)
    {
        var byId = types.ById;
        var main = e.EventTypeId is { } id && byId.TryGetValue(id, out var t) ? t : null;
        var more = e.MoreTypeIds.Select(m => byId.GetValueOrDefault(m)).OfType<ChronologyEventType>().ToList();
        var fromWords = types.SignalsInWords(e.Text);
        var signals = more.Select(m => m.Signal).Concat(fromWords).Distinct().ToList();
        var name = main is null ? null : string.Join("; ", more.Select(m => m.Name).Prepend(main.Name));
        return new(e.Id, e.AgencyId, agency, e.Date, e.Time, e.Text, e.PeopleIds, e.EventTypeId, main?.Signal ?? EventSignal.None, e.Order, e.SourceReference, e.AgencyComment, name,
            signals, e.SuggestedBecause);
    }

    /// <summary>The lead sets the numbers the indicators use and the child's date of birth (month precision is enough).</summary>
    public async Task SaveIndicatorSettingsAsync(PracticeReview review, IndicatorSettings settings, string? bornOn, CancellationToken ct = default)
    {
        if (settings.Problem() is { } problem) throw new DomainException(problem);
        DateOnly? born = null;
        if (!string.IsNullOrWhiteSpace(bornOn))
        {
            var parsed = ChronologyDates.Parse(bornOn, null, calendar.Today);
            if (parsed.Error is not null) throw new DomainException(parsed.Error, "ChildBornOn");
            if (parsed.Date!.Value.Precision == DatePrecision.Year || parsed.Date.Value.End is not null)
                throw new DomainException("Enter the child's date of birth as a day or a month, such as 14/06/2017 or June 2017", "ChildBornOn");
            born = parsed.Date.Value.Start;
        }

        var tracked = await db.PracticeReviews.SingleAsync(r => r.Id == review.Id, ct);
        tracked.Indicators = settings;
        tracked.ChildBornOn = born;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The lead retypes an event on the merged view: the main type and any others. The change is kept in the
    /// trail like every other (who, when, before and after).
    /// </summary>
    public async Task RetypeAsync(PracticeReview review, Guid eventId, IReadOnlyList<Guid> typeIds, string by, CancellationToken ct = default)
    {
        if (typeIds.Count == 0) throw new DomainException("Choose at least one type, or \"Other\"", "TypeIds");
        var known = await db.ChronologyEventTypes.Where(t => t.PartnershipId == review.PartnershipId).OrderBy(t => t.Order).Select(t => t.Id).ToListAsync(ct);
        if (typeIds.Any(t => !known.Contains(t))) throw new DomainException("Choose types from the list", "TypeIds");
        var existing = await db.ChronologyEvents.FirstOrDefaultAsync(e => e.Id == eventId && e.ReviewId == review.Id, ct)
            ?? throw new DomainException("That event is not in this review's chronology");
        var ordered = typeIds.Distinct().OrderBy(known.IndexOf).ToList();
        existing.EventTypeId = ordered[0];
        existing.MoreTypeIds = ordered.Skip(1).ToList();
        existing.TypeConfirmed = true;
        existing.SuggestedBecause = null;
        existing.RetypedBy = by;
        await db.SaveChangesAsync(ct);
    }

    // ---- Event types ----

    public async Task<List<ChronologyEventType>> EventTypesAsync(Guid partnershipId, CancellationToken ct = default)
    {
        await EnsureEventTypesAsync(partnershipId, ct);
        await db.SaveChangesAsync(ct);
        return await db.ChronologyEventTypes.AsNoTracking().Where(t => t.PartnershipId == partnershipId).OrderBy(t => t.Order).ToListAsync(ct);
    }

    public async Task SaveEventTypeAsync(Guid partnershipId, Guid? typeId, string? name, string? keywords, CancellationToken ct = default)
    {
        var text = Required(name, "Enter the name of the event type", "Name", 100);
        var words = Optional(keywords, 1000, "Keywords") ?? "";
        if (await db.ChronologyEventTypes.AnyAsync(t => t.PartnershipId == partnershipId && t.Name == text && t.Id != typeId, ct))
            throw new DomainException($"There is already an event type called \"{text}\"", "Name");
        if (typeId is { } id)
        {
            var type = await db.ChronologyEventTypes.FirstOrDefaultAsync(t => t.Id == id && t.PartnershipId == partnershipId, ct)
                ?? throw new DomainException("That event type does not exist");
            type.Name = text;
            type.Keywords = words;
        }
        else
        {
            var types = await db.ChronologyEventTypes.Where(t => t.PartnershipId == partnershipId).ToListAsync(ct);
            var order = types.Select(t => t.Order).DefaultIfEmpty(0).Max();
            db.ChronologyEventTypes.Add(new ChronologyEventType { PartnershipId = partnershipId, Name = text, Keywords = words, Order = order + 10 });
            // "Other" stays last, so it is suggested only when nothing else matches.
            if (types.FirstOrDefault(t => t.Name == "Other" && t.Signal == EventSignal.None) is { } other) other.Order = order + 20;
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task EnsureEventTypesAsync(Guid partnershipId, CancellationToken ct)
    {
        if (await db.ChronologyEventTypes.AnyAsync(t => t.PartnershipId == partnershipId, ct)) return;
        if (db.ChangeTracker.Entries<ChronologyEventType>().Any(e => e.Entity.PartnershipId == partnershipId)) return;
        var order = 0;
        foreach (var (name, signal, keywords) in EventTypes.Defaults)
            db.ChronologyEventTypes.Add(new ChronologyEventType { PartnershipId = partnershipId, Name = name, Signal = signal, Keywords = keywords, Order = order += 10 });
    }

    // ---- Learning ----

    public async Task<ReviewLearning> AddLearningAsync(PracticeReview review, LearningKind? kind, string? text, Guid? themeId, CancellationToken ct = default)
    {
        var chosen = kind ?? throw new DomainException("Select what you are adding", "Kind");
        var body = Required(text, "Enter the text", "Text", 4000);
        ChronologyImport.RefuseIdentifiable(body, "Text");
        if (themeId is { } theme && !await db.Themes.AnyAsync(t => t.Id == theme && t.PartnershipId == review.PartnershipId, ct))
            throw new DomainException("Select a theme from the partnership's list", "ThemeId");
        var number = (await db.ReviewLearnings.Where(l => l.ReviewId == review.Id && l.Kind == chosen).MaxAsync(l => (int?)l.Number, ct) ?? 0) + 1;
        var learning = new ReviewLearning { ReviewId = review.Id, Kind = chosen, Number = number, Text = body, ThemeId = themeId, CreatedAt = clock.GetUtcNow() };
        db.ReviewLearnings.Add(learning);
        await db.SaveChangesAsync(ct);
        return learning;
    }

    public async Task RemoveLearningAsync(PracticeReview review, Guid learningId, CancellationToken ct = default)
    {
        var learning = await db.ReviewLearnings.FirstOrDefaultAsync(l => l.Id == learningId && l.ReviewId == review.Id, ct)
            ?? throw new DomainException("That learning is not part of this review");
        if (learning.RecommendationId is not null) throw new DomainException("The recommendation is in the action plan, so it stays");
        db.ReviewLearnings.Remove(learning);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A review recommendation becomes a recommendation of the partnership's action plan, where actions are added to it.</summary>
    public async Task<Actions.Recommendation> TakeToActionPlanAsync(PracticeReview review, Guid learningId, string by, CancellationToken ct = default)
    {
        var learning = await db.ReviewLearnings.FirstOrDefaultAsync(l => l.Id == learningId && l.ReviewId == review.Id && l.Kind == LearningKind.Recommendation, ct)
            ?? throw new DomainException("That recommendation is not part of this review");
        if (learning.RecommendationId is not null) throw new DomainException("That recommendation is already in the action plan");
        var recommendation = new Actions.Recommendation
        {
            PartnershipId = review.PartnershipId, ReviewId = review.Id, Number = learning.Number, Text = learning.Text,
            Addressee = Actions.Addressee.Partnership, CreatedBy = by, CreatedAt = clock.GetUtcNow(),
        };
        db.Recommendations.Add(recommendation);
        learning.RecommendationId = recommendation.Id;
        await db.SaveChangesAsync(ct);
        return recommendation;
    }

    /// <summary>What a case audit on the review's themes starts from: the themes, where they came from and suggested questions.</summary>
    public async Task<(string Theme, string Source, string TermsOfReference)> AuditSuggestionAsync(PracticeReview review, CancellationToken ct = default)
    {
        var learning = await (from l in db.ReviewLearnings.AsNoTracking()
                              where l.ReviewId == review.Id
                              join t in db.Themes on l.ThemeId equals t.Id into themed
                              from t in themed.DefaultIfEmpty()
                              orderby l.Kind, l.Number
                              select new { l.Kind, l.Number, l.Text, Theme = t == null ? null : t.Name }).ToListAsync(ct);
        var themes = learning.Where(l => l.Theme is not null).Select(l => l.Theme!).Distinct().ToList();
        var theme = themes.Count > 0 ? string.Join("; ", themes) : review.TriggerIncident;
        var questions = learning.Where(l => l.Kind is LearningKind.QuestionForPartnership or LearningKind.LearningPoint)
            .Select(l => $"- {(l.Kind == LearningKind.QuestionForPartnership ? "Question" : "Learning point")} {l.Number}: {l.Text}");
        var terms = $"To test whether the learning from the {PracticeReview.Describe(review.Kind)} \"{review.Title}\" is reflected in current practice across agencies.\n\nSuggested questions, from the review:\n{string.Join("\n", questions)}";
        return (theme.Length > 300 ? theme[..300] : theme, $"{PracticeReview.Describe(review.Kind)}: {review.Title}", terms);
    }

    // ---- Helpers ----

    private async Task<Case> SubjectAsync(Guid partnershipId, ReviewInput input, CancellationToken ct)
    {
        var uin = Required(input.SubjectUin, "Enter the child's UIN", nameof(input.SubjectUin), 20).ToUpperInvariant();
        if (await db.Cases.Include(c => c.Household).FirstOrDefaultAsync(c => c.PartnershipId == partnershipId && c.Uin == uin, ct) is { } existing) return existing;
        var initials = Required(input.SubjectInitials, "Enter the child's initials", nameof(input.SubjectInitials), 5);
        if (!initials.All(char.IsLetter)) throw new DomainException("Initials must be letters only, such as TK", nameof(input.SubjectInitials));
        if (input.SubjectAge is < 0 or > 18) throw new DomainException("The child's age must be between 0 and 18", nameof(input.SubjectAge));
        var household = input.Household.Where(h => !string.IsNullOrWhiteSpace(h.Initials)).ToList();
        if (household.Count > HouseholdRoleNames.MaxHousehold)
            throw new DomainException($"A household holds up to {HouseholdRoleNames.MaxHousehold} people besides the child", "Household");
        if (household.Any(h => h.Initials.Trim().Length > 4 || !h.Initials.Trim().All(char.IsLetter)))
            throw new DomainException("Household members' initials must be letters only, up to 4", "Household");
        var names = household.Select((h, i) => HouseholdRoleNames.CleanRoleName(h.Role, h.RoleName, $"household member {i + 1}")).ToList();
        if (names.FirstOrDefault(n => n.Problem is not null).Problem is { } roleProblem) throw new DomainException(roleProblem, "Household");
        var subject = new Case
        {
            PartnershipId = partnershipId, Uin = uin, Initials = initials.ToUpperInvariant(), AgeYears = input.SubjectAge, Sex = input.SubjectSex ?? Sex.NotKnown,
            Ethnicity = Ethnicities.NotRecorded, LevelOfNeed = input.SubjectLevel ?? LevelOfNeed.ChildInNeed, CreatedAt = clock.GetUtcNow(),
            Household = [.. household.Select((h, i) => new HouseholdMember { Order = i + 1, Role = h.Role, RoleName = names[i].Name, Initials = h.Initials.Trim().ToUpperInvariant() })],
        };
        db.Cases.Add(subject);
        return subject;
    }

    private (DateOnly From, DateOnly To) Period(DateOnly? from, DateOnly? to)
    {
        var start = from ?? throw new DomainException("Enter the start of the period under review", "PeriodFrom");
        var end = to ?? throw new DomainException("Enter the end of the period under review", "PeriodTo");
        if (end < start) throw new DomainException("The period under review must end after it starts", "PeriodTo");
        if (end > calendar.Today) throw new DomainException("The period under review must end today or in the past", "PeriodTo");
        return (start, end);
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

    private static string Required(string? value, string message, string field, int max)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) throw new DomainException(message, field);
        if (text.Length > max) throw new DomainException($"Must be {max:N0} characters or fewer", field);
        return text;
    }

    private static string? Optional(string? value, int max, string field)
    {
        var text = value?.Trim() ?? "";
        if (text.Length > max) throw new DomainException($"Must be {max:N0} characters or fewer", field);
        return text.Length == 0 ? null : text;
    }

    private static string? Narrative(string? value, string field)
    {
        var text = Optional(value, MaxNarrative, field);
        if (text is not null) ChronologyImport.RefuseIdentifiable(text, field);
        return text;
    }
}
