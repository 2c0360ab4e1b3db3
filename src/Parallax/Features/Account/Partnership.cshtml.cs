namespace Parallax.Features.Account;

/// <summary>
/// A person in several partnerships chooses the one to act in (decision 0034): the session is reissued with that
/// membership's partnership, agency and roles, keeping how and when they signed in, and the change is recorded.
/// </summary>
public class PartnershipModel(ParallaxDbContext db, UserManager<ParallaxUser> users, SignInManager<ParallaxUser> signIn, SecurityLog security) : PageModel
{
    public sealed record Choice(Guid PartnershipId, string Name, string Roles);

    [BindProperty] public Guid? PartnershipId { get; set; }

    public IReadOnlyList<Choice> Choices { get; private set; } = [];

    public async Task OnGetAsync()
    {
        PartnershipId = User.PartnershipId();
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync();
        if (PartnershipId is not { } chosen || Choices.All(c => c.PartnershipId != chosen))
        {
            ModelState.AddModelError(nameof(PartnershipId), "Select the partnership to act in");
            return Page();
        }

        if (chosen != User.PartnershipId())
        {
            user.PartnershipId = chosen;
            Accounts.Check(await users.UpdateAsync(user), "");
            HttpContext.Items[ParallaxClaimsPrincipalFactory.ActingPartnershipKey] = chosen;
            await signIn.RefreshKeepingSignInAsync(HttpContext, user);
            await security.RecordAsync(SecurityEventKind.PartnershipChanged, null, user.Id, Request.Path, HttpContext.Connection.RemoteIpAddress?.ToString(), partnershipId: chosen);
        }

        TempData["Notification"] = $"You are now working in {Choices.First(c => c.PartnershipId == chosen).Name}.";
        return RedirectToPage("/Home/Index");
    }

    private async Task LoadAsync()
    {
        var userId = User.Caller().UserId;
        // The person's own memberships in every partnership, with each one's agency: the one page that reads across them.
        var rows = await db.Memberships.AsNoTracking().IgnoreQueryFilters([ParallaxDbContext.PartnershipFilter])
            .Where(m => m.UserId == userId && m.DeactivatedAt == null)
            .OrderBy(m => m.Partnership!.Name)
            .Select(m => new { m.PartnershipId, m.Partnership!.Name, m.Roles, Agency = m.Agency != null ? m.Agency.Name : null })
            .ToListAsync();
        Choices = rows.Select(r => new Choice(r.PartnershipId, r.Name,
            string.Join(", ", r.Roles.Select(Roles.DisplayName)) + (r.Agency is { } a ? $" for {a}" : ""))).ToList();
    }
}
