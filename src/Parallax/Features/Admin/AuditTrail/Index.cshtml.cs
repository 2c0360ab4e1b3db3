namespace Parallax.Features.Admin.AuditTrail;

/// <summary>The audit trail of the administrator's partnership, newest first, filtered and paged in the database.</summary>
public class IndexModel(ParallaxDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<(int Days, string Text)> Periods =
        [(1, "Last 24 hours"), (7, "Last 7 days"), (30, "Last 30 days"), (365, "Last 12 months"), (0, "Any time")];

    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)] public string? Key { get; set; }

    [BindProperty(SupportsGet = true)] public int Days { get; set; } = 30;

    [BindProperty(SupportsGet = true)] public Guid? AuditId { get; set; }

    [BindProperty(SupportsGet = true)] public Guid? ReviewId { get; set; }

    /// <summary>Oldest changes first, for reading a record's history from its start.</summary>
    [BindProperty(SupportsGet = true)] public bool Oldest { get; set; }

    public IReadOnlyList<(Guid Id, string Title)> Audits { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Title)> Reviews { get; private set; } = [];

    /// <summary>An answer's question as the user saw it, by the answer's trail key: "TT2 Was the child seen alone?".</summary>
    public IReadOnlyDictionary<string, string> Questions { get; private set; } = new Dictionary<string, string>();

    // Not "page": Razor Pages uses that route value for the page itself.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<string> Entities { get; private set; } = [];

    /// <summary>The page's changed fields, event by event: one row each, as the table shows them.</summary>
    public IReadOnlyList<AuditFieldChange> Events { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    /// <summary>
    /// Every kind of record the trail can hold, from the model rather than from the events, so the filter costs the same
    /// with a million events as with ten. Named as the trail names them (a generic type without its arity).
    /// </summary>
    internal static IReadOnlyList<string> RecordTypes(ParallaxDbContext db) =>
        [.. db.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => t != typeof(AuditEvent) && t != typeof(AuditSeal) && t != typeof(Dictionary<string, object>))
            .Select(t => t.IsGenericType ? t.Name[..t.Name.IndexOf('`')] : t.Name).Distinct().Order(StringComparer.Ordinal)];

    public async Task OnGetAsync()
    {
        var partnershipId = User.PartnershipId();
        var trail = db.AuditEvents.AsNoTracking().Where(e => e.PartnershipId == partnershipId);
        Entities = RecordTypes(db);

        Audits = (await db.Audits.AsNoTracking().Where(a => a.PartnershipId == partnershipId).OrderBy(a => a.Title).Select(a => new { a.Id, a.Title }).ToListAsync())
            .Select(a => (a.Id, a.Title)).ToList();
        Reviews = (await db.PracticeReviews.AsNoTracking().Where(r => r.PartnershipId == partnershipId).OrderBy(r => r.Title).Select(r => new { r.Id, r.Title }).ToListAsync())
            .Select(r => (r.Id, r.Title)).ToList();

        // Only the partnership's own audits and reviews: an id from elsewhere filters nothing in.
        if (AuditId is { } auditId)
        {
            var keys = Audits.Any(a => a.Id == auditId) ? await RecordFamily.KeysAsync(db, typeof(Parallax.Core.Audits.Audit), auditId, HttpContext.RequestAborted) : [];
            var list = keys.ToList();
            trail = trail.Where(e => list.Contains(e.EntityKey));
        }

        if (ReviewId is { } reviewId)
        {
            var keys = Reviews.Any(r => r.Id == reviewId) ? await RecordFamily.KeysAsync(db, typeof(Parallax.Core.Reviews.PracticeReview), reviewId, HttpContext.RequestAborted) : [];
            var list = keys.ToList();
            trail = trail.Where(e => list.Contains(e.EntityKey));
        }

        if (!string.IsNullOrWhiteSpace(Entity)) trail = trail.Where(e => e.Entity == Entity);
        if (!string.IsNullOrWhiteSpace(Actor)) trail = trail.Where(e => e.ActorName.Contains(Actor.Trim()));
        if (!string.IsNullOrWhiteSpace(Key)) trail = trail.Where(e => e.EntityKey.Contains(Key.Trim()));
        if (Days > 0)
        {
            var since = clock.GetUtcNow().AddDays(-Days);
            trail = trail.Where(e => e.OccurredAt >= since);
        }

        PageNumber = Math.Max(1, PageNumber);
        var page = await (Oldest ? trail.OrderBy(e => e.Id) : trail.OrderByDescending(e => e.Id)).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        HasNextPage = page.Count > PageSize;
        Events = page.Take(PageSize).Fields().ToList();

        var answerKeys = Events.Where(e => e.Entity == nameof(Parallax.Core.Returns.ReturnAnswer)).Select(e => e.EntityKey).Distinct().ToList();
        var answerIds = answerKeys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        if (answerIds.Count > 0)
        {
            var questions = await (from answer in db.Set<Parallax.Core.Returns.ReturnAnswer>().AsNoTracking()
                                   where answerIds.Contains(answer.Id)
                                   join question in db.Set<Parallax.Core.Tools.ToolQuestion>() on answer.QuestionId equals question.Id into asked
                                   from question in asked.DefaultIfEmpty()
                                   select new { answer.Id, answer.Code, Text = question == null ? null : question.Text }).ToListAsync();
            Questions = questions.ToDictionary(q => q.Id.ToString(), q => q.Text is null ? q.Code : q.Code + " " + q.Text);
        }
    }

    /// <summary>The field as the user saw it: an answer's value is its question ("TT2 Was the child seen alone?"), its comment that question's comment.</summary>
    public string FieldInWords(AuditFieldChange e)
    {
        if (e.Entity == nameof(Parallax.Core.Returns.ReturnAnswer) && Questions.TryGetValue(e.EntityKey, out var question))
        {
            return e.Field switch
            {
                nameof(Parallax.Core.Returns.ReturnAnswer.Value) or nameof(Parallax.Core.Returns.ReturnAnswer.Values) => question,
                nameof(Parallax.Core.Returns.ReturnAnswer.Comment) => question + " (comment)",
                _ => question + ": " + Words(e.Field),
            };
        }

        return Words(e.Field);
    }

    /// <summary>A value as the user saw it: a list of choices (stored as a JSON array) as the choices, one after another.</summary>
    public static string? ValueInWords(string? value)
    {
        if (value is null || !value.StartsWith('[') || !value.EndsWith(']')) return value;
        try
        {
            var items = System.Text.Json.JsonSerializer.Deserialize<List<string?>>(value);
            return items is null ? value : string.Join("; ", items);
        }
        catch (System.Text.Json.JsonException)
        {
            return value;
        }
    }

    /// <summary>A record's or field's name as people say it: "ReturnAnswer" is "Return answer", "NotKnownReason" is "Not known reason".</summary>
    public static string Words(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var words = System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ");
        return words[..1].ToUpperInvariant() + words[1..].ToLowerInvariant();
    }

    /// <summary>The page's changed fields, one group per change (the events one save wrote together), newest first.</summary>
    public IEnumerable<IGrouping<Guid, AuditFieldChange>> Changes => Events.GroupBy(e => e.ChangeSetId);

    public string PageLink(int page) => Url.Page("/Admin/AuditTrail/Index", new { Entity, Actor, Key, Days, AuditId, ReviewId, Oldest = Oldest ? true : (bool?)null, p = page })!;

    /// <summary>The "When" column's header: newest first (the default) or oldest first, from the first page, keeping the filters.</summary>
    public SortView WhenColumn => new("When", "when", "when", !Oldest,
        (_, desc) => Url.Page("/Admin/AuditTrail/Index", new { Entity, Actor, Key, Days, AuditId, ReviewId, Oldest = desc ? (bool?)null : true })!);
}
