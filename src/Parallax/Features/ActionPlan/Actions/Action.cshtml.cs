namespace Parallax.Features.ActionPlan.Actions;

/// <summary>One action as the partnership sees it; the lead closes it here once it has evidence. Viewers only read.</summary>
public class ActionModel(ActionPlans plans) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid ActionId { get; set; }

    public ActionDetailView Detail { get; private set; } = null!;

    public bool CanClose => ActionPlans.MayClose(User.Caller());

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        if (!CanClose) return Forbid();
        await LoadAsync();
        await plans.CloseAsync(User.Caller(), ActionId);
        TempData["Notification"] = "The action is closed with evidence.";
        return RedirectToPage(new { actionId = ActionId });
    }

    string IShowsRefusals.FieldFor(string coreField) => "";

    public async Task<IActionResult> OnGetFileAsync(Guid fileId)
    {
        var file = await plans.FileAsync(User.SignedInPartnershipId(), ActionId, fileId, null);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    private async Task LoadAsync()
    {
        var row = await plans.RowAsync(User.SignedInPartnershipId(), ActionId);
        if (row is null) throw new RecordNotFoundException();
        Detail = new ActionDetailView(row, await plans.UpdatesAsync(ActionId), fileId => Url.Page("/ActionPlan/Actions/Action", "File", new { actionId = ActionId, fileId }));
    }
}
