namespace Parallax.Features.Tools;

public class IndexModel(ParallaxDbContext db, ToolCatalogue catalogue) : PageModel
{
    public sealed record ToolRow(Guid Id, string Name, int Number, bool Frozen, ToolLength Length);

    public IReadOnlyList<ToolRow> Tools { get; private set; } = [];

    public IReadOnlyList<ToolTemplate> Templates { get; } = ToolTemplates.All();

    public async Task OnGetAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        var latest = await db.ToolVersions.AsNoTracking()
            .Where(v => v.Tool!.PartnershipId == partnershipId && v.Number == v.Tool.Versions.Max(x => x.Number))
            .Include(v => v.Tool).Include(v => v.Sections).ThenInclude(s => s.Questions).AsSplitQuery()
            .ToListAsync();
        Tools = latest.OrderBy(v => v.Tool!.Name)
            .Select(v => new ToolRow(v.ToolId, v.Tool!.Name, v.Number, v.IsFrozen, ToolLength.Of(v))).ToList();
    }

    public async Task<IActionResult> OnPostCopyTemplateAsync(string key)
    {
        var template = ToolTemplates.Find(key);
        if (template is null) return NotFound();
        var tool = await catalogue.ImportAsync(User.SignedInPartnershipId(), template.Document, template.Key);
        return RedirectToPage("/Tools/Version", new { toolId = tool.Id, number = 1 });
    }
}
