namespace Parallax.Core.Reviews;

/// <summary>
/// The lead's merged chronology of a practice review: every agency's submitted events read for the merge,
/// the numbers the indicators use, and events retyped.
/// </summary>
public sealed class ReviewChronology(ParallaxDbContext db, PartnershipCalendar calendar, MergedChronologies merging)
{
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
}
