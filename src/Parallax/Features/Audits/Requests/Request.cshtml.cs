namespace Parallax.Features.Audits.Requests;

/// <summary>
/// One request as the lead sees it: its answers so far, its history, and what the lead may do with it:
/// give an extension, record that no return came, reopen a closed return, or remove one not yet sent.
/// </summary>
public class RequestModel(ReturnCompletion completion, ReturnRequests requests, PartnershipCalendar calendar) : PageModel, IShowsRefusals
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

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>
    /// The request as a workbook, e.g. to send to an agency auditor who cannot sign in yet. A draft's answers are the
    /// agency's own until submitted (decision 0009): the lead's workbook of a draft is blank.
    /// </summary>
    public async Task<IActionResult> OnGetWorkbookAsync()
    {
        await LoadAsync();
        return File(ReturnWorkbook.Build(IsDraft ? Context with { Saved = null } : Context), Parallax.Features.AgencyReturns.ReturnModel.WorkbookContentType, $"return-{Context.Uin}-{Context.Agency.Code}.xlsx");
    }

    public Task<IActionResult> OnPostExtendAsync() => ChangeAsync(async (request, by) =>
    {
        var due = NewDue.Parse("the new due date", required: true, out var problem)
            ?? throw new DomainException(problem!, nameof(NewDue));
        await requests.GrantExtensionAsync(request, due, Reason, by);
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
        refusedForm = "remove";
        await requests.RemoveAsync(User.SignedInPartnershipId(), Id, RequestId);
        TempData["Notification"] = "The request was removed.";
        return RedirectToPage("Returns", new { id = Id });
    }

    /// <summary>Each of the page's forms shows its own refusal: the one the person sent.</summary>
    private string refusedForm = "";

    string IShowsRefusals.FieldFor(string coreField) => coreField.Length > 0 ? coreField : refusedForm;

    async Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal)
    {
        await LoadAsync();
    }

    private async Task<IActionResult> ChangeAsync(Func<ReturnRequest, string, Task<string>> change, string form)
    {
        refusedForm = form;
        // Loaded within the lead's partnership and this audit, then changed.
        var request = await requests.FindAsync(User.SignedInPartnershipId(), Id, RequestId);
        TempData["Notification"] = await change(request, User.Identity!.Name!);
        return RedirectToPage(new { id = Id, requestId = RequestId });
    }

    private async Task LoadAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        var context = await completion.LoadForLeadAsync(partnershipId, Id, RequestId);
        if (context is null) throw new RecordNotFoundException();
        Context = context;
        Today = calendar.Today;
        History = await requests.History(RequestId).AsNoTracking().ToListAsync();
        if (context.Saved is { SubmittedAt: not null })
            Form = new ToolFormView(context.ToolVersion, ReturnCompletion.ToAnswers(context), context.Applies, new Dictionary<string, string>());
    }
}
