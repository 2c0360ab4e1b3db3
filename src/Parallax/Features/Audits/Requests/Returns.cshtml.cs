namespace Parallax.Features.Audits.Requests;

/// <summary>The returns dashboard: create and send requests, watch the matrix fill, chase who is late.</summary>
public class ReturnsModel(ParallaxDbContext db, ReturnRequests requests, ReturnChaser chaser, PartnershipCalendar calendar, ReturnQueries queries) : PageModel, IShowsRefusals
{
    public Audit Audit { get; private set; } = null!;

    public IReadOnlyList<Case> Sample { get; private set; } = [];

    public IReadOnlyList<ReturnRequest> Requests { get; private set; } = [];

    public IReadOnlyList<Agency> RequestedAgencies { get; private set; } = [];

    public ReturnsDashboard Dashboard { get; private set; } = null!;

    public IReadOnlyList<OutboxMessage> Undelivered { get; private set; } = [];

    public DateOnly Today => Dashboard.Today;

    public int OpenQueries { get; private set; }

    /// <summary>Before sending: the agencies with requests not yet sent that have no active auditor, and who hears instead.</summary>
    public IReadOnlyList<AgencyRecipients> WithoutAuditor { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostGenerateAsync(Guid id)
    {
        var added = await requests.GenerateAsync(User.SignedInPartnershipId(), id);
        TempData["Notification"] = added == 1 ? "1 return request was added." : $"{added} return requests were added.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostSendAsync(Guid id)
    {
        var sent = await requests.SendAsync(User.SignedInPartnershipId(), id, User.Caller().Name);
        TempData["Notification"] = sent == 1
            ? "1 request was sent: the agency can see it in My returns, and its auditors are e-mailed."
            : $"{sent} requests were sent: the agencies can see them in My returns, and their auditors are e-mailed.";
        return RedirectToPage(new { id });
    }

    /// <summary>One click: remind an agency of its open returns now (at most once a day).</summary>
    public async Task<IActionResult> OnPostRemindAsync(Guid id, Guid agencyId)
    {
        var audit = HttpContext.LoadedRecord<Audit>();
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agencyId && a.PartnershipId == audit.PartnershipId);
        if (agency is null) return NotFound();
        var queued = await chaser.RemindNowAsync(audit, agencyId);
        TempData["Notification"] = queued > 0
            ? $"A reminder is on its way to {agency.Name} ({(queued == 1 ? "1 auditor" : $"{queued} auditors")})."
            : $"No reminder was sent to {agency.Name}: it has no returns open, no auditor account, or was already reminded today.";
        return RedirectToPage(new { id });
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => LoadAsync();

    /// <summary>What the page shows around the audit the folder's filter found within the caller's partnership.</summary>
    private async Task LoadAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        var audit = HttpContext.LoadedRecord<Audit>();
        var id = audit.Id;
        Audit = audit;
        Sample = await db.Cases.AsNoTracking().Where(c => db.AuditCases.Any(ac => ac.AuditId == id && ac.CaseId == c.Id)).OrderBy(c => c.Uin).ToListAsync();
        Requests = await db.ReturnRequests.AsNoTracking().Where(r => r.AuditId == id).ToListAsync();
        var agencyIds = Requests.Select(r => r.AgencyId).Distinct().ToList();
        RequestedAgencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).OrderBy(a => a.Code).ToListAsync();
        Dashboard = ReturnsDashboard.Of(Requests, RequestedAgencies, calendar.Today);
        OpenQueries = await queries.OpenCountAsync(id);
        var draftAgencies = Requests.Where(r => r.Status == ReturnStatus.Draft).Select(r => r.AgencyId).Distinct().ToList();
        WithoutAuditor = draftAgencies.Count == 0 ? [] : (await chaser.RecipientsAsync(partnershipId, draftAgencies)).Where(r => r.ActiveAuditors == 0).ToList();
        Undelivered = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.AuditId == id && m.Status != OutboxStatus.Sent && m.Attempts > 0)
            .OrderBy(m => m.CreatedAt).ToListAsync();
    }
}
