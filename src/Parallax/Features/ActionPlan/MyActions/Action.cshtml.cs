namespace Parallax.Features.ActionPlan.MyActions;

/// <summary>One of the agency's actions: report progress with evidence (text, links, files). Another agency's action is "not found".</summary>
[RequestSizeLimit((ActionPlans.MaxFiles + 1) * ActionPlans.MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = (ActionPlans.MaxFiles + 1) * ActionPlans.MaxFileBytes)]
public class ActionModel(ActionPlans plans) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid ActionId { get; set; }

    [BindProperty] public ActionProgress? Progress { get; set; }

    [BindProperty] public string? Note { get; set; }

    [BindProperty] public string? Links { get; set; }

    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    /// <summary>The author says the flagged text identifies no one (the return form's confirm-a-false-positive step).</summary>
    [BindProperty] public bool ConfirmIdentifiers { get; set; }

    /// <summary>True when the note was refused as possibly identifying someone: the form then offers to confirm it does not.</summary>
    public bool AskToConfirm { get; private set; }

    public ActionDetailView Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        ViewData["FieldOrder"] = new[] { nameof(Progress), nameof(Note), nameof(Links), nameof(Files) };
        if (Progress is not { } progress || progress == ActionProgress.Closed)
        {
            ModelState.AddModelError(nameof(Progress), "Select where the action stands");
            return Page();
        }

        var files = new List<EvidenceUpload>();
        foreach (var file in Files.Where(f => !string.IsNullOrEmpty(f.FileName)))
        {
            // Refused before reading it into memory.
            if (ActionPlans.TooLarge(file.FileName, file.Length) is { } tooLarge)
            {
                ModelState.AddModelError(nameof(Files), tooLarge);
                return Page();
            }

            using var memory = new MemoryStream();
            await file.CopyToAsync(memory);
            files.Add(new EvidenceUpload(file.FileName, memory.ToArray()));
        }

        await plans.ReportAsync(User.SignedInPartnershipId(), ActionId, User.AgencyId(), new ProgressInput(progress, Note, (Links ?? "").Split('\n'), files, ConfirmIdentifiers), User.Identity!.Name!);
        TempData["Notification"] = "Your progress is saved.";
        return RedirectToPage(new { actionId = ActionId });
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal)
    {
        AskToConfirm = Parallax.Core.Privacy.IdentifiableDataDetector.Find(Note).Count > 0;
        return Task.CompletedTask;
    }

    public async Task<IActionResult> OnGetFileAsync(Guid fileId)
    {
        var file = await plans.FileAsync(User.SignedInPartnershipId(), ActionId, fileId, User.AgencyId());
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    private async Task LoadAsync()
    {
        var row = await plans.RowAsync(User.SignedInPartnershipId(), ActionId, User.AgencyId());
        if (row is null) throw new RecordNotFoundException();
        Detail = new ActionDetailView(row, await plans.UpdatesAsync(ActionId), fileId => Url.Page("/ActionPlan/MyActions/Action", "File", new { actionId = ActionId, fileId }));
    }
}
