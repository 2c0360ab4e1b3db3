namespace Parallax.Features.ActionPlan.Actions;

/// <summary>One action as the partnership sees it; the lead closes it here once it has evidence. Viewers only read.</summary>
public class ActionModel(ActionPlans plans) : PageModel
{
    [FromRoute] public Guid ActionId { get; set; }

    public ActionDetailView Detail { get; private set; } = null!;

    public bool CanClose => User.IsInRole(Roles.AuditLead) || User.IsInRole(Roles.Administrator);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostCloseAsync()
    {
        if (!CanClose) return Forbid();
        if (!await LoadAsync()) return NotFound();
        try
        {
            await plans.CloseAsync(User.SignedInPartnershipId(), ActionId, User.Identity!.Name!);
            TempData["Notification"] = "The action is closed with evidence.";
            return RedirectToPage(new { actionId = ActionId });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
    }

    public async Task<IActionResult> OnGetFileAsync(Guid fileId)
    {
        try
        {
            var file = await plans.FileAsync(User.SignedInPartnershipId(), ActionId, fileId, null);
            return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }
    }

    private async Task<bool> LoadAsync()
    {
        var row = await plans.RowAsync(User.SignedInPartnershipId(), ActionId);
        if (row is null) return false;
        Detail = new ActionDetailView(row, await plans.UpdatesAsync(ActionId), $"/actions/{ActionId}");
        return true;
    }
}
