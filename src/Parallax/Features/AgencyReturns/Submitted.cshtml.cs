namespace Parallax.Features.AgencyReturns;

/// <summary>The confirmation after a return is submitted: a GOV.UK panel and what happens next.</summary>
public class SubmittedModel : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public ReturnContext Context { get; private set; } = null!;

    public void OnGet() => Context = HttpContext.LoadedRecord<ReturnContext>();
}
