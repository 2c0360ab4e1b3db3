namespace Parallax.Features.Audits.Requests;

/// <summary>The confirmation after sending requests: a panel with how many went, then what happens next.</summary>
public class RequestsSentModel(ParallaxDbContext db) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public Audit Audit { get; private set; } = null!;

    /// <summary>How many were sent just now; when the page is opened again later, how many have been sent in all.</summary>
    public int Sent { get; private set; }

    public bool JustNow { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Audit = HttpContext.LoadedRecord<Audit>();
        if (TempData["Sent"] is int sent)
        {
            Sent = sent;
            JustNow = true;
        }
        else
        {
            Sent = await db.ReturnRequests.CountAsync(r => r.AuditId == Id && r.Status != ReturnStatus.Draft);
        }

        return Page();
    }
}
