using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Routing;

namespace Parallax.Features;

/// <summary>
/// Loads the record a route names, within the caller's reach, before any page handler runs: a record of another
/// partnership (or, for an agency's pages, of another agency) is "not found", exactly like one that does not exist,
/// so a page cannot show it by forgetting a <c>Where</c>. The record found is handed to the page through
/// <see cref="RecordsExtensions.Record{T}"/>. Folders attach their filters in their <c>Conventions.cs</c>; the
/// test <c>RecordFilterTests</c> fails when a route names a record that no filter checks.
/// </summary>
public sealed class RecordFilter : IAsyncPageFilter
{
    private readonly string routeKey;
    private readonly string describes;
    private readonly Func<HttpContext, RouteValueDictionary, Guid, Task<object?>> find;

    /// <summary>A filter that finds its record with the request's <see cref="ParallaxDbContext"/>.</summary>
    public RecordFilter(string routeKey, string describes, Func<ParallaxDbContext, ClaimsPrincipal, RouteValueDictionary, Guid, Task<object?>> find)
        : this(routeKey, describes, (http, route, id) => find(http.RequestServices.GetRequiredService<ParallaxDbContext>(), http.User, route, id))
    {
    }

    private RecordFilter(string routeKey, string describes, Func<HttpContext, RouteValueDictionary, Guid, Task<object?>> find)
    {
        this.routeKey = routeKey;
        this.describes = describes;
        this.find = find;
    }

    /// <summary>A filter that finds its record through a Core use case, which hands the page what it shows in one load.</summary>
    public static RecordFilter Using<TService>(string routeKey, string describes, Func<TService, ClaimsPrincipal, Guid, Task<object?>> find)
        where TService : notnull =>
        new(routeKey, describes, (HttpContext http, RouteValueDictionary _, Guid id) => find(http.RequestServices.GetRequiredService<TService>(), http.User, id));

    /// <summary>The route value this filter checks, e.g. "id" or "caseId".</summary>
    public string RouteKey => routeKey;

    /// <summary>What the route value names, in words, e.g. "an audit of the caller's partnership".</summary>
    public string Describes => describes;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!context.RouteData.Values.TryGetValue(routeKey, out var raw) || raw is null)
        {
            await next();
            return;
        }

        // A value that is not a Guid is not a record's key: "new" in /sections/{sectionId} asks for a form. Routes whose
        // value must be a record say {x:guid}, so such values never get here.
        if (!Guid.TryParse(raw.ToString(), out var id))
        {
            await next();
            return;
        }

        var record = await find(context.HttpContext, context.RouteData.Values, id);
        if (record is null)
        {
            context.Result = new NotFoundResult();
            return;
        }

        context.HttpContext.Items[(typeof(RecordFilter), record.GetType())] = record;
        await next();
    }
}

/// <summary>The records routes name, each with the rule that puts it within a caller's reach.</summary>
public static class Records
{
    /// <summary>An audit of the caller's partnership (route value "id").</summary>
    public static readonly RecordFilter Audit = new("id", "an audit of the caller's partnership", async (db, user, _, id) =>
        await db.Audits.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.PartnershipId == user.PartnershipId()));

    /// <summary>A case in the sample of the route's audit ("caseId").</summary>
    public static readonly RecordFilter CaseOfAudit = new("caseId", "a case in the sample of the route's audit", async (db, _, route, id) =>
        Guid.TryParse(route["id"]?.ToString(), out var auditId) && await db.AuditCases.AnyAsync(c => c.CaseId == id && c.AuditId == auditId)
            ? await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id)
            : null);

    /// <summary>A request for a return in the route's audit ("requestId").</summary>
    public static readonly RecordFilter RequestOfAudit = new("requestId", "a return request of the route's audit", async (db, _, route, id) =>
        Guid.TryParse(route["id"]?.ToString(), out var auditId)
            ? await db.ReturnRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.AuditId == auditId)
            : null);

    /// <summary>A practice review of the caller's partnership ("id").</summary>
    public static readonly RecordFilter Review = new("id", "a practice review of the caller's partnership", async (db, user, _, id) =>
        await db.PracticeReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.PartnershipId == user.PartnershipId()));

    /// <summary>A Rapid Review of the caller's partnership ("id"): its statutory pages are not a practice review's.</summary>
    public static readonly RecordFilter RapidReview = new("id", "a Rapid Review of the caller's partnership", async (db, user, _, id) =>
        await db.PracticeReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.PartnershipId == user.PartnershipId() && r.Kind == ReviewKind.RapidReview));

    /// <summary>A practice review of the caller's partnership that the caller may read ("id"): any, for a lead or administrator; for others, one whose lead allows panel members and viewers to read it.</summary>
    public static readonly RecordFilter ReadableReview = new("id", "a practice review of the caller's partnership open to the caller", async (db, user, _, id) =>
        await db.PracticeReviews.AsNoTracking().Where(PracticeReviews.ReadableBy(user.Caller())).FirstOrDefaultAsync(r => r.Id == id));

    /// <summary>A chronology request of the route's review that has been sent ("requestId"): the agency the lead writes a summary for.</summary>
    public static readonly RecordFilter ChronologyRequestOfReview = new("requestId", "a sent chronology request of the route's review", async (db, user, route, id) =>
        Guid.TryParse(route["id"]?.ToString(), out var reviewId)
            ? await (from r in db.ChronologyRequests.AsNoTracking()
                     join v in db.PracticeReviews on r.ReviewId equals v.Id
                     where r.Id == id && r.ReviewId == reviewId && r.Status != ChronologyStatus.Draft && v.PartnershipId == user.PartnershipId()
                     select r).FirstOrDefaultAsync()
            : null);

    /// <summary>An audit or a practice review of the caller's partnership ("id"): recommendations come from either.</summary>
    public static readonly RecordFilter AuditOrReview = new("id", "an audit or a practice review of the caller's partnership", async (db, user, _, id) =>
        await db.Audits.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.PartnershipId == user.PartnershipId())
        ?? (object?)await db.PracticeReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.PartnershipId == user.PartnershipId()));

    /// <summary>A recommendation of the route's audit or review ("recommendationId").</summary>
    public static readonly RecordFilter RecommendationOfParent = new("recommendationId", "a recommendation of the route's audit or review", async (db, user, route, id) =>
        Guid.TryParse(route["id"]?.ToString(), out var parentId)
            ? await db.Recommendations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.PartnershipId == user.PartnershipId() && (r.AuditId == parentId || r.ReviewId == parentId))
            : null);

    /// <summary>An action of the caller's partnership's plan ("actionId").</summary>
    public static readonly RecordFilter Action = new("actionId", "an action of the caller's partnership", async (db, user, _, id) =>
        await db.PlanActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.PartnershipId == user.PartnershipId()));

    /// <summary>An action owned by the caller's agency ("actionId").</summary>
    public static readonly RecordFilter AgencyAction = new("actionId", "an action owned by the caller's agency", async (db, user, _, id) =>
        await db.PlanActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.PartnershipId == user.PartnershipId() && a.OwnerAgencyId == user.AgencyId()));

    /// <summary>
    /// A return request sent to the caller's agency in an audit of the caller's partnership ("id"), loaded with all its
    /// pages show (<see cref="ReturnContext"/>: the audit's title, the case, the agency, the tool, the saved return), so a
    /// return's page reads it once on deadline day (decision 0085). A request not yet sent is not found.
    /// </summary>
    public static readonly RecordFilter AgencyReturn = RecordFilter.Using<ReturnCompletion>("id", "a return request to the caller's agency", async (completion, user, id) =>
        user.PartnershipId() is { } partnership && user.AgencyId() is { } agency ? await completion.LoadAsync(partnership, agency, id) : null);

    /// <summary>
    /// A chronology request sent to the caller's agency in a review of the caller's partnership ("id"), with its review
    /// (<see cref="Parallax.Core.Reviews.AgencyChronology"/>), by the rule <see cref="ChronologyWriting"/> keeps for changes too.
    /// </summary>
    public static readonly RecordFilter AgencyChronology = RecordFilter.Using<ChronologyWriting>("id", "a chronology request sent to the caller's agency", async (writing, user, id) =>
        user.AgencyId() is { } agency ? await writing.AgencyChronologyAsync(user.SignedInPartnershipId(), agency, id) : null);

    /// <summary>An audit tool of the caller's partnership ("toolId").</summary>
    public static readonly RecordFilter Tool = new("toolId", "an audit tool of the caller's partnership", async (db, user, _, id) =>
        await db.AuditTools.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.PartnershipId == user.PartnershipId()));

    /// <summary>A section of the route's tool ("sectionId").</summary>
    public static readonly RecordFilter SectionOfTool = new("sectionId", "a section of the route's tool", async (db, _, route, id) =>
        Guid.TryParse(route["toolId"]?.ToString(), out var toolId)
            ? await (from s in db.Set<Parallax.Core.Tools.ToolSection>().AsNoTracking()
                     join v in db.ToolVersions on s.ToolVersionId equals v.Id
                     where s.Id == id && v.ToolId == toolId
                     select s).FirstOrDefaultAsync()
            : null);

    /// <summary>An agency of the caller's partnership ("id").</summary>
    public static readonly RecordFilter Agency = new("id", "an agency of the caller's partnership", async (db, user, _, id) =>
        await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.PartnershipId == user.PartnershipId()));

    /// <summary>A person with an account in the caller's partnership ("id").</summary>
    public static readonly RecordFilter Person = new("id", "a person of the caller's partnership", async (db, user, _, id) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && db.Memberships.Any(m => m.UserId == u.Id && m.PartnershipId == user.PartnershipId())));

    /// <summary>Attaches the filters to every page of a folder (and its sub-folders).</summary>
    public static void LoadRecords(this PageConventionCollection conventions, string folder, params RecordFilter[] filters) =>
        conventions.AddFolderApplicationModelConvention(folder, model => Attach(model, filters));

    /// <summary>Attaches the filters to one page.</summary>
    public static void LoadRecordsForPage(this PageConventionCollection conventions, string page, params RecordFilter[] filters) =>
        conventions.AddPageApplicationModelConvention(page, model => Attach(model, filters));

    private static void Attach(PageApplicationModel model, RecordFilter[] filters)
    {
        foreach (var filter in filters) model.Filters.Add(filter);
    }
}

public static class RecordsExtensions
{
    /// <summary>The record of type <typeparamref name="T"/> the folder's filter loaded for this request, if any.</summary>
    public static T? Record<T>(this HttpContext context) where T : class =>
        context.Items.TryGetValue((typeof(RecordFilter), typeof(T)), out var record) ? record as T : null;

    /// <summary>
    /// The record of type <typeparamref name="T"/> the folder's filter loaded (read-only: loaded without tracking),
    /// for a page whose route always names it. The filter answered 404 before the page ran if it was out of reach,
    /// so its absence here is a fault of the folder's <c>Conventions.cs</c>, not of the request.
    /// </summary>
    public static T LoadedRecord<T>(this HttpContext context) where T : class =>
        context.Record<T>() ?? throw new InvalidOperationException($"No {typeof(T).Name} was loaded for this page: attach its filter in the folder's Conventions.cs.");
}
