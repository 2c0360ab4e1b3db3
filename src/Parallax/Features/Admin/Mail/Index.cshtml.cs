namespace Parallax.Features.Admin.Mail;

/// <summary>
/// Every message the partnership's Parallax has queued, newest first: where mail goes, what is waiting, what
/// failed and why. With no SMTP server configured this is how messages are read in development.
/// </summary>
public class IndexModel(ParallaxDbContext db, MailQueue queue) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)] public Guid? Show { get; set; }

    /// <summary>Part of an address or a subject, searched in the database.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    /// <summary>The search, a page and a message shown, as route values in the query's order, for the pages' links.</summary>
    public Dictionary<string, string> RouteValues(int page, Guid? show = null) => new Dictionary<string, string?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(), ["show"] = show?.ToString(),
        ["p"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value!);

    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public OutboxMessage? Shown { get; private set; }

    public bool HasNextPage { get; private set; }

    public string Destination => queue.Destination;

    public int Waiting { get; private set; }

    public int Failed { get; private set; }

    public async Task OnGetAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        var mine = db.OutboxMessages.AsNoTracking().Where(m => m.PartnershipId == partnershipId);
        Waiting = await mine.CountAsync(m => m.Status == OutboxStatus.Pending);
        Failed = await mine.CountAsync(m => m.Status == OutboxStatus.Failed);
        PageNumber = Math.Max(1, PageNumber);
        var listed = mine;
        if (Search?.Trim().ToLowerInvariant() is { Length: > 0 } q) listed = listed.Where(m => m.To.ToLower().Contains(q) || m.Subject.ToLower().Contains(q));
        var page = await listed.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        HasNextPage = page.Count > PageSize;
        Messages = page.Take(PageSize).ToList();
        // Looked up within the partnership: another partnership's message id shows nothing.
        if (Show is { } id) Shown = await mine.FirstOrDefaultAsync(m => m.Id == id);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid messageId)
    {
        if (!await queue.RetryAsync(User.SignedInPartnershipId(), messageId)) return NotFound();
        TempData["Notification"] = "The message will be tried again within a minute.";
        return RedirectToPage();
    }
}
