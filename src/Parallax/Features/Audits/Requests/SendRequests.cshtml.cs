namespace Parallax.Features.Audits.Requests;

/// <summary>
/// Check your answers before sending return requests (decision 0041): how many requests go to which agency, who
/// is e-mailed, and when they are due; then a confirmation page with a panel.
/// </summary>
public class SendRequestsModel(ParallaxDbContext db, ReturnRequests requests, ReturnChaser chaser) : PageModel, IShowsRefusals
{
    public sealed record AgencyLine(string Agency, int Requests, string Told, bool NoOne);

    [FromRoute] public Guid Id { get; set; }

    public Audit Audit { get; private set; } = null!;

    public IReadOnlyList<AgencyLine> Lines { get; private set; } = [];

    public int Drafts => Lines.Sum(l => l.Requests);

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Drafts == 0) return RedirectToPage("/Audits/Requests/Returns", new { id = Id });
        TempData["Sent"] = await requests.SendAsync(User.SignedInPartnershipId(), Id, User.Caller().Name);
        return RedirectToPage("/Audits/Requests/RequestsSent", new { id = Id });
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => LoadAsync();

    private async Task LoadAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        Audit = HttpContext.LoadedRecord<Audit>();
        var drafts = await db.ReturnRequests.AsNoTracking().Where(r => r.AuditId == Id && r.Status == ReturnStatus.Draft)
            .GroupBy(r => r.AgencyId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var recipients = drafts.Count == 0 ? [] : await chaser.RecipientsAsync(partnershipId, [.. drafts.Select(d => d.Key)]);
        Lines = [.. recipients.OrderBy(r => r.Agency.Name).Select(r => new AgencyLine(r.Agency.Name, drafts.Single(d => d.Key == r.Agency.Id).Count,
            r.ActiveAuditors > 0 ? (r.ActiveAuditors == 1 ? "Its auditor" : $"Its {r.ActiveAuditors} auditors")
            : r.ToReturnsContact ? $"Its returns contact, {r.Agency.ReturnsContactEmail}" : "No one: invite an auditor or add a returns contact first", r.NoOne))];
    }
}
