namespace Parallax.Features.AgencyReturns;

/// <summary>
/// "My returns": the requests sent to the auditor's own agency, never another agency's. Each says which
/// adults in the household the agency is linked to, so the auditor can find every record it holds. Counted and
/// cut in the database (decision 0061): only the page shown is loaded; returns of closed audits are left out
/// unless asked for.
/// </summary>
public class IndexModel(ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    public sealed record Row(Guid Id, string Audit, string Uin, string Initials, DateOnly DueOn, ReturnStatus Status, IReadOnlyList<string> Linked, string? CollationUrl = null, int OpenQueries = 0);

    /// <summary>One request as the database projects it, before the page's rows are made.</summary>
    private sealed class Item
    {
        public Guid Id { get; init; }
        public Guid CaseId { get; init; }
        public Guid AuditId { get; init; }
        public string Audit { get; init; } = "";
        public DateOnly AuditDue { get; init; }
        public bool AuditClosed { get; init; }
        public CollationAccess Access { get; init; }
        public string Uin { get; init; } = "";
        public string Initials { get; init; } = "";
        public DateOnly DueOn { get; init; }
        public ReturnStatus Status { get; init; }
        public int OpenQueries { get; init; }
    }

    /// <summary>"done" lists what is finished (submitted, not known, no return); otherwise what is still to do, overdue first.</summary>
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    /// <summary>Part of a case's UIN or an audit's title, searched in the database.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    /// <summary>Returns of closed audits are shown only when asked for.</summary>
    [BindProperty(SupportsGet = true, Name = "closed")] public bool IncludeClosed { get; set; }

    public bool Done => Show == "done";

    public DateOnly Today { get; private set; }

    public bool AnyRequests { get; private set; }

    public int ToDoCount { get; private set; }

    public int DoneCount { get; private set; }

    /// <summary>How many of the agency's returns belong to closed audits.</summary>
    public int ClosedCount { get; private set; }

    public Paged<Row> Shown { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    public bool IsOverdue(Row row) => ReturnsDashboard.IsOpen(row.Status) && row.DueOn < Today;

    public string Link(int page) => Url.Page("/AgencyReturns/Index", new { Show = Done ? "done" : null, closed = IncludeClosed ? "true" : null, q = Query, p = page })!;

    public string ShowLink(bool done, bool closed) => Url.Page("/AgencyReturns/Index", new { Show = done ? "done" : null, closed = closed ? "true" : null, q = Query })!;

    private string? Query => string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();

    public async Task OnGetAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        var agencyId = User.SignedInAgencyId();
        var openStatuses = ReturnChaser.Open.ToList();
        var all =
            from r in db.ReturnRequests.AsNoTracking()
            join a in db.Audits on r.AuditId equals a.Id
            join c in db.Cases on r.CaseId equals c.Id
            where r.AgencyId == agencyId && a.PartnershipId == partnershipId && r.Status != ReturnStatus.Draft
            select new Item
            {
                Id = r.Id, CaseId = r.CaseId, AuditId = r.AuditId, Audit = a.Title, AuditDue = a.ReturnsDueOn, AuditClosed = a.Status == AuditStatus.Closed,
                Access = a.CollationAccess, Uin = c.Uin, Initials = c.Initials, DueOn = r.DueOn, Status = r.Status,
                OpenQueries = db.ReturnQueries.Count(q => q.RequestId == r.Id && q.Status == QueryStatus.Open),
            };
        AnyRequests = await all.AnyAsync();
        ClosedCount = await all.CountAsync(x => x.AuditClosed);
        if (!IncludeClosed) all = all.Where(x => !x.AuditClosed);
        if (Query?.ToLowerInvariant() is { } q) all = all.Where(x => x.Uin.ToLower().Contains(q) || x.Audit.ToLower().Contains(q));

        // A finished return with a query to answer still needs the auditor.
        var toDo = all.Where(x => openStatuses.Contains(x.Status) || x.OpenQueries > 0);
        var done = all.Where(x => !openStatuses.Contains(x.Status) && x.OpenQueries == 0);
        ToDoCount = await toDo.CountAsync();
        DoneCount = await done.CountAsync();
        // Finished work, newest deadline first: what was just done is what people look for.
        var page = Done
            ? await done.OrderByDescending(x => x.DueOn).ThenBy(x => x.Uin).PageAsync(PageNumber)
            : await toDo.OrderBy(x => x.DueOn).ThenBy(x => x.Uin).PageAsync(PageNumber);

        var caseIds = page.Items.Select(r => r.CaseId).Distinct().ToList();
        var known = await (
            from i in db.AgencyInvolvements.AsNoTracking()
            join m in db.Set<HouseholdMember>() on i.HouseholdMemberId equals m.Id into members
            from m in members.DefaultIfEmpty()
            where i.AgencyId == agencyId && caseIds.Contains(i.CaseId)
            select new { i.CaseId, Role = (HouseholdRole?)m.Role, Initials = m.Initials }).ToListAsync();

        // The reading rule of the compiled returns (CollationReading): an agency that returned on a case reads it after the deadline.
        var today = calendar.Today;
        var caller = User.Caller();
        Today = today;
        Shown = new Paged<Row>([.. page.Items.Select(r => new Row(r.Id, r.Audit, r.Uin, r.Initials, r.DueOn, r.Status,
            known.Where(k => k.CaseId == r.CaseId).Select(k => k.Role is { } role ? $"{role.Describe()} ({k.Initials})" : $"the child ({r.Initials})").ToList(),
            r.Status == ReturnStatus.Submitted && CollationReading.MayRead(caller, r.Access, today > r.AuditDue, agencySubmitted: true)
                ? Url.Page("/Audits/Collation/Case", new { id = r.AuditId, caseId = r.CaseId }) : null, r.OpenQueries))], page.Number, page.Size, page.Total);
    }
}
