using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parallax.Core.AuditTrail;
using Parallax.Core.Data;
using Parallax.Web;

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

    // Not "page": Razor Pages uses that route value for the page itself.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<string> Entities { get; private set; } = [];

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public async Task OnGetAsync()
    {
        var partnershipId = User.PartnershipId();
        var trail = db.AuditEvents.AsNoTracking().Where(e => e.PartnershipId == partnershipId);
        Entities = await trail.Select(e => e.Entity).Distinct().OrderBy(e => e).ToListAsync();

        if (!string.IsNullOrWhiteSpace(Entity)) trail = trail.Where(e => e.Entity == Entity);
        if (!string.IsNullOrWhiteSpace(Actor)) trail = trail.Where(e => e.ActorName.Contains(Actor.Trim()));
        if (!string.IsNullOrWhiteSpace(Key)) trail = trail.Where(e => e.EntityKey.Contains(Key.Trim()));
        if (Days > 0)
        {
            var since = clock.GetUtcNow().AddDays(-Days);
            trail = trail.Where(e => e.OccurredAt >= since);
        }

        PageNumber = Math.Max(1, PageNumber);
        var page = await trail.OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        HasNextPage = page.Count > PageSize;
        Events = page.Take(PageSize).ToList();
    }

    public string PageLink(int page) => Url.Page("/Admin/AuditTrail/Index", new { Entity, Actor, Key, Days, p = page })!;
}
