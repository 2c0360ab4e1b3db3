namespace Parallax.Features.Audits.Collation;

/// <summary>
/// The compiled returns of one case: each agency's answers side by side, divergence marked. Any signed-in user
/// may ask; the reading rule is applied to the loaded audit and case, and a refusal is "not found".
/// </summary>
public class CaseModel(CaseCollation collation, Parallax.Core.Returns.ReturnQueries queries) : PageModel, IShowsRefusals
{
    public CollatedCase View { get; private set; } = null!;

    [BindProperty] public Guid? RequestId { get; set; }

    [BindProperty] public string? QuestionCode { get; set; }

    [BindProperty] public string? QueryText { get; set; }

    public IReadOnlyList<Parallax.Core.Returns.ReturnQuery> Queries { get; private set; } = [];

    /// <summary>Leads and panel members raise queries; agencies only read here (<see cref="CollatedCaseAuthorization"/>).</summary>
    public bool CanQuery { get; private set; }

    public Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid caseId)
    {
        await LoadAsync(id, caseId);
        return Page();
    }

    public Task<IActionResult> OnPostRaiseAsync(Guid id, Guid caseId) => QueryActionAsync(id, caseId, nameof(QueryText), async partnershipId =>
    {
        if (RequestId is not { } request || View.Columns.All(c => c.Request.Id != request))
            throw new DomainException("Select an agency's return on this case");
        await queries.RaiseAsync(partnershipId, id, request, QuestionCode, QueryText, UserId, User.Identity!.Name!);
        return "The query was sent to the agency. It shows in their returns until it is answered.";
    });

    public Task<IActionResult> OnPostFollowUpAsync(Guid id, Guid caseId, Guid queryId) => QueryActionAsync(id, caseId, $"followup-{queryId:N}", async partnershipId =>
    {
        await queries.FollowUpAsync(User.Caller(), queryId, Request.Form[$"followup-{queryId:N}"]);
        return "Your follow-up was sent to the agency.";
    });

    public Task<IActionResult> OnPostCloseAsync(Guid id, Guid caseId, Guid queryId) => QueryActionAsync(id, caseId, $"followup-{queryId:N}", async partnershipId =>
    {
        await queries.CloseAsync(User.Caller(), queryId);
        return "The query is closed.";
    });

    private async Task<IActionResult> QueryActionAsync(Guid id, Guid caseId, string field, Func<Guid, Task<string>> action)
    {
        await LoadAsync(id, caseId);
        if (!CanQuery) return NotFound();
        // A query must belong to a return on this case.
        if (Request.Query["queryId"] is { Count: > 0 } q && Guid.TryParse(q, out var queryId) && Queries.All(x => x.Id != queryId)) return NotFound();
        refusedForm = field;
        TempData["Notification"] = await action(User.SignedInPartnershipId());
        return RedirectToPage("/Audits/Collation/Case", null, new { id, caseId }, "queries");
    }

    /// <summary>Each query's form shows its own refusal: the one the person sent.</summary>
    private string refusedForm = "";

    string IShowsRefusals.FieldFor(string coreField) => refusedForm;

    private async Task LoadAsync(Guid id, Guid caseId)
    {
        var view = await collation.LoadAsync(User.SignedInPartnershipId(), id, caseId);
        if (view is null || !await this.MayAsync(view, RecordOperations.Read)) throw new RecordNotFoundException();
        View = view;
        CanQuery = await this.MayAsync(view, RecordOperations.Query);
        Queries = await queries.ForRequestsAsync(view.Columns.Select(c => c.Request.Id).ToList());
    }
}
