namespace Parallax.Features.Audits.Sample;

/// <summary>
/// Which agency knows whom in one case's household. Requests are generated from it, and each request tells
/// the agency which adults are linked to the child (published audits found agencies that did not know of the link).
/// </summary>
public class InvolvementModel(ParallaxDbContext db, ReturnRequests requests) : PageModel, IShowsRefusals
{
    public const string ChildKey = "child";

    [FromRoute] public Guid Id { get; set; }

    [FromRoute] public Guid CaseId { get; set; }

    [BindProperty] public List<string> Known { get; set; } = [];

    public Case Case { get; private set; } = null!;

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        // Keys are made here from Guids, not in SQL: SQLite would write the Guids in upper case and no box would match.
        var saved = await db.AgencyInvolvements.Where(i => i.CaseId == CaseId).Select(i => new { i.AgencyId, i.HouseholdMemberId }).ToListAsync();
        Known = saved.Select(i => Key(i.AgencyId, i.HouseholdMemberId)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var involvement = new List<(Guid, Guid?)>();
        foreach (var value in Known)
        {
            var parts = value.Split(':');
            if (parts.Length != 2 || !Guid.TryParse(parts[0], out var agency)) return BadRequest();
            if (parts[1] == ChildKey) involvement.Add((agency, null));
            else if (Guid.TryParse(parts[1], out var member)) involvement.Add((agency, member));
            else return BadRequest();
        }

        await requests.SetInvolvementAsync(User.SignedInPartnershipId(), Id, CaseId, involvement);
        return RedirectToPage("/Audits/Plan/Overview", new { id = Id });
    }

    public static string Key(Guid agencyId, Guid? memberId) => $"{agencyId:D}:{(memberId is { } member ? member.ToString("D") : ChildKey)}";

    /// <summary>The checkbox's id, from the whole of both keys: household members made together share their Guids' first characters.</summary>
    public static string FieldId(Guid agencyId, Guid? memberId) => $"known-{agencyId:N}-{(memberId is { } member ? member.ToString("N") : ChildKey)}";

    /// <summary>Whether the form's value names this box, whatever the letter case of the Guids in it.</summary>
    public bool IsKnown(Guid agencyId, Guid? memberId) => Known.Contains(Key(agencyId, memberId), StringComparer.OrdinalIgnoreCase);

    private async Task LoadAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        var found = await db.Cases.AsNoTracking().Include(c => c.Household)
            .Where(c => c.Id == CaseId && c.PartnershipId == partnershipId && db.AuditCases.Any(ac => ac.AuditId == Id && ac.CaseId == c.Id))
            .FirstOrDefaultAsync();
        if (found is null) throw new RecordNotFoundException();
        found.Household = found.Household.OrderBy(h => h.Order).ToList();
        Case = found;
        // A retired agency shows only where it is already involved: it takes on nothing new.
        Agencies = await db.Agencies.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId && (a.RetiredAt == null || db.AgencyInvolvements.Any(i => i.CaseId == CaseId && i.AgencyId == a.Id)))
            .OrderBy(a => a.Name).ToListAsync();
    }
}
