namespace Parallax.Features.Tools;

/// <summary>Adds a section to a draft version, or edits one ("new" or the section's id in the address).</summary>
public class SectionModel(ToolCatalogue catalogue) : PageModel
{
    [FromRoute] public Guid ToolId { get; set; }

    [FromRoute] public int Number { get; set; }

    [FromRoute(Name = "sectionId")] public string SectionKey { get; set; } = "new";

    [BindProperty] public Guid Expected { get; set; }

    [BindProperty] public string Title { get; set; } = "";

    [BindProperty] public string? Guidance { get; set; }

    [BindProperty] public bool HasJudgement { get; set; }

    [BindProperty] public string? JudgementPrompt { get; set; }

    [BindProperty] public SectionApplicability Applicability { get; set; }

    [BindProperty] public List<AgencyType> AgencyTypes { get; set; } = [];

    [BindProperty] public SectionScope Scope { get; set; }

    public string ToolName { get; private set; } = "";

    public bool IsNew => SectionKey == "new";

    public async Task<IActionResult> OnGetAsync()
    {
        var found = await catalogue.FindAsync(User.SignedInPartnershipId(), ToolId, Number);
        if (found is null || found.Value.Version.IsFrozen) return NotFound();
        ToolName = found.Value.Tool.Name;
        Expected = found.Value.Version.Version;
        if (IsNew) return Page();

        var section = found.Value.Version.Sections.FirstOrDefault(s => s.Id.ToString() == SectionKey);
        if (section is null) return NotFound();
        (Title, Guidance, HasJudgement, JudgementPrompt, Applicability, AgencyTypes, Scope) =
            (section.Title, section.Guidance, section.HasJudgement, section.JudgementPrompt, section.Applicability, section.AgencyTypes, section.Scope);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        var input = new SectionInput(Title, Guidance, HasJudgement, JudgementPrompt, Applicability, AgencyTypes, Scope);
        try
        {
            if (IsNew) await catalogue.AddSectionAsync(partnershipId, ToolId, Number, Expected, input);
            else if (Guid.TryParse(SectionKey, out var sectionId)) await catalogue.UpdateSectionAsync(partnershipId, ToolId, Number, Expected, sectionId, input);
            else return NotFound();
            return RedirectToPage("/Tools/Version", new { toolId = ToolId, number = Number });
        }
        catch (DomainException e)
        {
            var found = await catalogue.FindAsync(partnershipId, ToolId, Number);
            if (found is null) return NotFound();
            ToolName = found.Value.Tool.Name;
            ModelState.AddModelError(e is DomainException { Field: { } field } ? field : string.Empty, e.Message);
            return Page();
        }
    }
}
