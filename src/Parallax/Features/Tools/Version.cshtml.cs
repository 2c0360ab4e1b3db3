namespace Parallax.Features.Tools;

/// <summary>The designer: one version of a tool, its settings, sections and questions, and what can be done with it.</summary>
public class VersionModel(ToolCatalogue catalogue) : PageModel
{
    [FromRoute] public Guid ToolId { get; set; }

    [FromRoute] public int Number { get; set; }

    public AuditTool Tool { get; private set; } = null!;

    public ToolVersion Draft { get; private set; } = null!;

    public ToolLength Length { get; private set; } = null!;

    [BindProperty] public ToolSettingsInput Settings { get; set; } = null!;

    private Guid PartnershipId => User.SignedInPartnershipId();

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Settings = ToolMapping.SettingsOf(Tool, Draft);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync();
        var json = ToolInterchange.Serialize(ToolMapping.ToDocument(Tool, Draft));
        return File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", FileName("json"));
    }

    public async Task<IActionResult> OnGetWordAsync()
    {
        await LoadAsync();
        return File(ToolWordDocument.Build(Tool, Draft), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileName("docx"));
    }

    public Task<IActionResult> OnPostSettingsAsync(Guid expected) => EditAsync(() =>
        catalogue.UpdateSettingsAsync(PartnershipId, ToolId, Number, expected, Settings), keepSettings: true);

    public Task<IActionResult> OnPostMoveSectionAsync(Guid expected, Guid sectionId, int by) =>
        EditAsync(() => catalogue.MoveSectionAsync(PartnershipId, ToolId, Number, expected, sectionId, Math.Sign(by)));

    public Task<IActionResult> OnPostRemoveSectionAsync(Guid expected, Guid sectionId) =>
        EditAsync(() => catalogue.RemoveSectionAsync(PartnershipId, ToolId, Number, expected, sectionId));

    public Task<IActionResult> OnPostMoveQuestionAsync(Guid expected, Guid questionId, int by) =>
        EditAsync(() => catalogue.MoveQuestionAsync(PartnershipId, ToolId, Number, expected, questionId, Math.Sign(by)));

    public Task<IActionResult> OnPostRemoveQuestionAsync(Guid expected, Guid questionId) =>
        EditAsync(() => catalogue.RemoveQuestionAsync(PartnershipId, ToolId, Number, expected, questionId));

    public async Task<IActionResult> OnPostNewDraftAsync()
    {
        var draft = await catalogue.DraftAsync(PartnershipId, ToolId);
        return RedirectToPage(new { toolId = ToolId, number = draft.Number });
    }

    public Task<IActionResult> OnPostCopyAsync() => RefuseOnPageAsync(async () =>
    {
        var copy = await catalogue.CopyAsync(PartnershipId, ToolId, Number);
        return RedirectToPage(new { toolId = copy.Id, number = 1 });
    });

    private Task<IActionResult> EditAsync(Func<Task> edit, bool keepSettings = false) => RefuseOnPageAsync(async () =>
    {
        await edit();
        return RedirectToPage(new { toolId = ToolId, number = Number });
    }, keepSettings);

    private async Task<IActionResult> RefuseOnPageAsync(Func<Task<IActionResult>> act, bool keepSettings = false)
    {
        try
        {
            return await act();
        }
        catch (DomainException e)
        {
            await LoadAsync();
            var field = e is DomainException { Field: { } f } && keepSettings ? $"{nameof(Settings)}.{f}" : string.Empty;
            ModelState.AddModelError(field, e.Message);
            if (!keepSettings || e is EditConflictException)
            {
                ModelState.Remove($"{nameof(Settings)}.{nameof(ToolSettingsInput.Name)}");
                Settings = ToolMapping.SettingsOf(Tool, Draft);
            }

            return Page();
        }
    }

    private async Task LoadAsync()
    {
        var found = await catalogue.FindAsync(PartnershipId, ToolId, Number);
        if (found is null) throw new RecordNotFoundException();
        (Tool, Draft) = found.Value;
        Length = ToolLength.Of(Draft);
    }

    private string FileName(string extension)
    {
        var safe = new string(Tool.Name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return $"{safe}-v{Number}.{extension}";
    }
}
