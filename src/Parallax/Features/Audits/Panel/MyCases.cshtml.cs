namespace Parallax.Features.Audits.Panel;

/// <summary>
/// For panel members (and leads): the open audits with their counts, then one audit's cases, a page at a time
/// (decision 0060). Every figure is a grouped count in the database: no case's compiled returns are loaded to draw the list,
/// so the page does not grow with the returns behind it. Who may read a case is the compiled returns' rule
/// (CollationReading) for the roles that open this page: leads and administrators at any time, panel members
/// after the returns deadline or where the lead opened the returns to the panel only.
/// </summary>
public class MyCasesModel(ParallaxDbContext db, PartnershipCalendar calendar) : PageModel
{
    public sealed record AuditRow(Guid Id, string Title, DateOnly ReturnsDueOn, DateOnly? PanelOn, CollationAccess Access, int Cases, int CasesWithReturns, int ReturnsIn);

    public sealed record CaseRow(Guid Id, string Uin, int Requested, int ReturnsIn);

    [BindProperty(SupportsGet = true, Name = "audit")] public Guid? AuditId { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public Paged<AuditRow> Audits { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    public AuditRow? Audit { get; private set; }

    public Paged<CaseRow> Cases { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    public bool CanRead(AuditRow audit) =>
        CollationReading.MayRead(User.Caller(), audit.Access, calendar.Today > audit.ReturnsDueOn, agencySubmitted: false);

    public async Task<IActionResult> OnGetAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        var open = db.Audits.AsNoTracking().Where(a => a.PartnershipId == partnershipId && a.Status != AuditStatus.Planning && a.Status != AuditStatus.Closed);
        if (AuditId is not { } auditId)
        {
            Audits = await Rows(open.OrderBy(a => a.ReturnsDueOn).ThenBy(a => a.Title)).PageAsync(PageNumber);
            return Page();
        }

        // Another partnership's audit, or one in planning or closed, is not on this list.
        Audit = await Rows(open.Where(a => a.Id == auditId)).FirstOrDefaultAsync();
        if (Audit is null) return NotFound();
        Cases = await db.AuditCases.AsNoTracking().Where(ac => ac.AuditId == auditId)
            .Join(db.Cases.AsNoTracking(), ac => ac.CaseId, c => c.Id, (ac, c) => c)
            .OrderBy(c => c.Uin)
            .Select(c => new CaseRow(c.Id, c.Uin,
                db.ReturnRequests.Count(r => r.AuditId == auditId && r.CaseId == c.Id),
                db.ReturnRequests.Count(r => r.AuditId == auditId && r.CaseId == c.Id && r.Status == ReturnStatus.Submitted)))
            .PageAsync(PageNumber);
        return Page();
    }

    /// <summary>Each audit with its counts, in one query (filter and order before this: the projection is final).</summary>
    private IQueryable<AuditRow> Rows(IQueryable<Parallax.Core.Audits.Audit> audits) =>
        audits.Select(a => new AuditRow(a.Id, a.Title, a.ReturnsDueOn, a.PanelOn, a.CollationAccess,
            db.AuditCases.Count(ac => ac.AuditId == a.Id),
            db.ReturnRequests.Where(r => r.AuditId == a.Id && r.Status == ReturnStatus.Submitted).Select(r => r.CaseId).Distinct().Count(),
            db.ReturnRequests.Count(r => r.AuditId == a.Id && r.Status == ReturnStatus.Submitted)));
}
