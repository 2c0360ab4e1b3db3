namespace Parallax.Features.Audits.Requests;

/// <summary>
/// One request as the lead sees it: its answers so far, its history, and what the lead may do with it:
/// give an extension, record that no return came, reopen a closed return, or remove one not yet sent.
/// </summary>
public class RequestModel(ReturnCompletion completion, ReturnRequests requests, PartnershipCalendar calendar) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [FromRoute] public Guid RequestId { get; set; }

    [BindProperty] public DateParts NewDue { get; set; } = new();

    [BindProperty] public string? Reason { get; set; }

    [BindProperty] public string? ReopenReason { get; set; }

    public ReturnContext Context { get; private set; } = null!;

    public ToolFormView? Form { get; private set; }

    public IReadOnlyList<ReturnStatusChange> History { get; private set; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>Answers saved but not submitted: shown to no one but their agency.</summary>
    public bool IsDraft => Context.Saved is { SubmittedAt: null };

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <summary>The request as a workbook, e.g. to send to an agency auditor who cannot sign in yet.</summary>
    /// <summary>A draft's answers are the agency's own until submitted (decision 0009): the lead's workbook of a draft is blank.</summary>
    public async Task<IActionResult> OnGetWorkbookAsync() => await LoadAsync()
        ? File(ReturnWorkbook.Build(IsDraft ? Context with { Saved = null } : Context), Parallax.Features.AgencyReturns.ReturnModel.WorkbookContentType, $"return-{Context.Uin}-{Context.Agency.Code}.xlsx")
        : NotFound();

    public Task<IActionResult> OnPostExtendAsync() => ChangeAsync(async (request, by) =>
    {
        var due = NewDue.Parse("the new due date", required: true, out var problem);
        if (due is null) throw new FieldException(nameof(NewDue), problem!);
        await requests.GrantExtensionAsync(request, due.Value, Reason, by);
        return $"The return is now due on {due:d MMMM yyyy}.";
    }, nameof(NewDue));

    public Task<IActionResult> OnPostNoReturnAsync() => ChangeAsync(async (request, by) =>
    {
        await requests.MarkNoReturnAsync(request, by);
        return "Recorded that no return was received.";
    }, "no-return");

    public Task<IActionResult> OnPostReopenAsync() => ChangeAsync(async (request, by) =>
    {
        await requests.ReopenAsync(request, ReopenReason, by);
        return "The return is reopened: the agency can change it and submit it again.";
    }, nameof(ReopenReason));

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        try
        {
            await requests.RemoveAsync(User.SignedInPartnershipId(), Id, RequestId);
            TempData["Notification"] = "The request was removed.";
            return RedirectToPage("Returns", new { id = Id });
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            return await RedisplayAsync("remove", e.Message);
        }
    }

    private async Task<IActionResult> ChangeAsync(Func<ReturnRequest, string, Task<string>> change, string field)
    {
        ReturnRequest request;
        try
        {
            // Loaded within the lead's partnership and this audit, then changed.
            request = await requests.FindAsync(User.SignedInPartnershipId(), Id, RequestId);
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }

        try
        {
            TempData["Notification"] = await change(request, User.Identity!.Name!);
            return RedirectToPage(new { id = Id, requestId = RequestId });
        }
        catch (FieldException e)
        {
            return await RedisplayAsync(e.Field, e.Message);
        }
        catch (DomainException e)
        {
            return await RedisplayAsync(field, e.Message);
        }
    }

    private async Task<IActionResult> RedisplayAsync(string field, string message)
    {
        if (!await LoadAsync()) return NotFound();
        ModelState.AddModelError(field, message);
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        var context = await completion.LoadForLeadAsync(partnershipId, Id, RequestId);
        if (context is null) return false;
        Context = context;
        Today = calendar.Today;
        History = await requests.History(RequestId).AsNoTracking().ToListAsync();
        if (context.Saved is { SubmittedAt: not null })
            Form = new ToolFormView(context.ToolVersion, ReturnCompletion.ToAnswers(context), context.Applies, new Dictionary<string, string>());
        return true;
    }

    private sealed class FieldException(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}
