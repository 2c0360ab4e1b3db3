namespace Parallax.Features.Tools;

/// <summary>The blank tool on one printable page, every section shown with whom it is for.</summary>
public class PrintModel(ToolCatalogue catalogue) : PageModel
{
    [FromRoute] public Guid ToolId { get; set; }

    [FromRoute] public int Number { get; set; }

    public AuditTool Tool { get; private set; } = null!;

    public ToolFormView Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var found = await catalogue.FindAsync(User.SignedInPartnershipId(), ToolId, Number);
        if (found is null) return NotFound();
        Tool = found.Value.Tool;
        Form = new ToolFormView(found.Value.Version, new ToolAnswers(), _ => true, new Dictionary<string, string>(), ShowApplicability: true);
        return Page();
    }
}
