namespace Parallax.Features.AgencyReturns;

/// <summary>The confirmation after a return is submitted: a GOV.UK panel and what happens next.</summary>
public class SubmittedModel(ReturnCompletion completion) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public ReturnContext Context { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var context = await completion.LoadAsync(User.SignedInPartnershipId(), User.SignedInAgencyId(), Id);
        if (context is null) return NotFound();
        Context = context;
        return Page();
    }
}
