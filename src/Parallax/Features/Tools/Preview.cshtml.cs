namespace Parallax.Features.Tools;

/// <summary>
/// The return form exactly as an agency auditor of a chosen agency will see it. Checking the preview runs
/// the server's validation and shows its messages; nothing is saved.
/// </summary>
public class PreviewModel(ToolCatalogue catalogue, ParallaxDbContext db) : PageModel
{
    [FromRoute] public Guid ToolId { get; set; }

    [FromRoute] public int Number { get; set; }

    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }

    public AuditTool Tool { get; private set; } = null!;

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public Agency? PreviewAgency { get; private set; }

    public ToolFormView Form { get; private set; } = null!;

    public bool Checked { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync(new ToolAnswers(), new Dictionary<string, string>());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var found = await catalogue.FindAsync(User.SignedInPartnershipId(), ToolId, Number);
        if (found is null) return NotFound();
        var answers = ToolAnswersForm.Read(Request.Form, found.Value.Version);
        await LoadAsync(answers, new Dictionary<string, string>());

        var problems = ToolAnswerValidator.Validate(found.Value.Version, answers, PreviewAgency!.Type, PreviewAgency.WorksWithAdults);
        foreach (var problem in problems) ModelState.AddModelError(problem.Field, problem.Message);
        ViewData["OrderedErrors"] = problems.Select(p => (p.Field, p.Message)).ToList();
        Form = Form with { Errors = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Message) };
        Checked = problems.Count == 0;
        return Page();
    }

    private async Task LoadAsync(ToolAnswers answers, IReadOnlyDictionary<string, string> errors)
    {
        var partnershipId = User.SignedInPartnershipId();
        var found = await catalogue.FindAsync(partnershipId, ToolId, Number);
        if (found is null) throw new RecordNotFoundException();
        Tool = found.Value.Tool;
        Agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).OrderBy(a => a.Name).ToListAsync();
        PreviewAgency = Agencies.FirstOrDefault(a => a.Code == Agency) ?? Agencies.FirstOrDefault()
            ?? new Agency { Code = "-", Name = "An agency", Type = AgencyType.Other };
        Agency = PreviewAgency.Code;
        var agency = PreviewAgency;
        Form = new ToolFormView(found.Value.Version, answers, s => s.AppliesTo(agency.Type, agency.WorksWithAdults), errors);
    }
}
