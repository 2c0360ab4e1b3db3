namespace Parallax.Features.Audits.Plan;

/// <summary>Who runs the audit and in what role; leads and coordinators receive the daily digest of returns.</summary>
public class TeamModel(AuditPlanner planner, ParallaxDbContext db) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public Guid? UserId { get; set; }

    [BindProperty] public AuditTeamRole? Role { get; set; }

    public Audit Audit { get; private set; } = null!;

    public IReadOnlyList<AuditPlanner.TeamMember> Team { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Label)> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        await LoadAsync();
        if (UserId is null) ModelState.AddModelError(nameof(UserId), "Select a person from your partnership");
        if (Role is null) ModelState.AddModelError(nameof(Role), "Select a role on the audit");
        if (!ModelState.IsValid) return Page();
        await planner.SetTeamMemberAsync(User.SignedInPartnershipId(), Id, UserId!.Value, Role!.Value);
        return RedirectToPage(new { id = Id });
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => LoadAsync();

    string IShowsRefusals.FieldFor(string coreField) => coreField == "Role" ? nameof(Role) : nameof(UserId);

    public async Task<IActionResult> OnPostRemoveAsync(Guid memberId) =>
        await planner.RemoveTeamMemberAsync(User.SignedInPartnershipId(), Id, memberId) ? RedirectToPage(new { id = Id }) : NotFound();

    private async Task LoadAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        Audit = HttpContext.LoadedRecord<Audit>();
        Team = await planner.TeamAsync(Id);
        People = (await db.Members(partnershipId).AsNoTracking().Where(m => m.AgencyId == null)
            .OrderBy(m => m.User!.Email).Select(m => new { m.User!.Id, m.User.Email, m.User.DisplayName }).ToListAsync())
            .Select(u => (u.Id, u.DisplayName is null ? u.Email! : $"{u.DisplayName} ({u.Email})")).ToList();
    }
}
