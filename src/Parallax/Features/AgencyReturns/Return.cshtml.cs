namespace Parallax.Features.AgencyReturns;

/// <summary>
/// An agency auditor completes one return: save at any time, submit when complete. The folder's record filter
/// (Records.AgencyReturn) has loaded it within the auditor's own agency; any other agency's request is "not found".
/// </summary>
[RequestSizeLimit(Parallax.Core.Spreadsheets.SheetReader.MaxBytes + 64 * 1024)]
public class ReturnModel(ReturnCompletion completion, ReturnRequests requests, ReturnQueries queries, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public Guid? Expected { get; set; }

    /// <summary>Every section on one page (for reading or printing the whole tool); the return's own page is its task list.</summary>
    [FromQuery(Name = "all")] public bool All { get; set; }

    /// <summary>The return's sections with their progress (decision 0056).</summary>
    public IReadOnlyList<ReturnSection> Sections { get; private set; } = [];

    [BindProperty] public bool ConfirmIdentifiers { get; set; }

    [BindProperty] public string? NotKnownReason { get; set; }

    [BindProperty] public IFormFile? Workbook { get; set; }

    /// <summary>"draft" or "submit": what to do with an uploaded workbook.</summary>
    [BindProperty] public string? UploadAction { get; set; }

    public IReadOnlyList<WorkbookProblem> WorkbookProblems { get; private set; } = [];

    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public IReadOnlyList<ReturnQuery> Queries { get; private set; } = [];

    /// <summary>The agency answers a query on its own return.</summary>
    public async Task<IActionResult> OnPostReplyAsync(Guid queryId)
    {
        await LoadAsync();
        if (Queries.All(q => q.Id != queryId)) return NotFound();
        try
        {
            await queries.ReplyAsync(User.SignedInPartnershipId(), User.SignedInAgencyId(), queryId, Request.Form[$"reply-{queryId:N}"], User.Identity!.Name!);
            return RedirectToPage("/AgencyReturns/Return", null, new { id = Id }, "queries");
        }
        catch (DomainException e)
        {
            // The reply is shown again as it was typed, so a refusal never costs the agency its words.
            var field = $"reply-{queryId:N}";
            string? typed = Request.Form[field];
            ModelState.SetModelValue(field, typed, typed);
            ModelState.AddModelError(field, e.Message);
            Form = new ToolFormView(Context.ToolVersion, ReturnCompletion.ToAnswers(Context), Context.Applies, new Dictionary<string, string>());
            return Page();
        }
    }

    /// <summary>The latest reason the lead gave for reopening, shown to the agency.</summary>
    public ReturnReopening? Reopened { get; private set; }

    public ReturnContext Context { get; private set; } = null!;

    public ToolFormView Form { get; private set; } = null!;

    public IReadOnlyList<(string Field, Parallax.Core.Privacy.IdentifierFinding Finding)> Identifiers { get; private set; } = [];

    public bool Saved { get; private set; }

    /// <summary>Still open after its due date, by the partnership's calendar (the same rule as the list of returns).</summary>
    public bool IsOverdue => ReturnsDashboard.IsOverdue(Context.Request, calendar.Today);

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        await LoadAsync();
        Saved = saved;
        Expected = Context.Saved?.Version;
        Form = new ToolFormView(Context.ToolVersion, ReturnCompletion.ToAnswers(Context), Context.Applies, new Dictionary<string, string>());
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        await LoadAsync();
        var answers = ToolAnswersForm.Read(Request.Form, Context.ToolVersion);
        try
        {
            await completion.SaveDraftAsync(Context, Expected, answers);
            return RedirectToPage(new { id = Id, saved = true });
        }
        catch (DomainException e)
        {
            return Refused(answers, e);
        }
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        await LoadAsync();
        var answers = ToolAnswersForm.Read(Request.Form, Context.ToolVersion);
        try
        {
            var (result, version) = await completion.SubmitAsync(Context, Expected, answers, ConfirmIdentifiers, User.Identity!.Name!);
            if (result.Submitted) return RedirectToPage("/AgencyReturns/Submitted", new { id = Id });
            Expected = version;
            Identifiers = result.Identifiers;
            var problems = result.Problems.Concat(result.Identifiers.Select(i => new AnswerProblem(i.Field, $"\"{i.Finding.Text}\": {i.Finding.Advice}"))).ToList();
            return Redisplay(answers, problems, null);
        }
        catch (DomainException e)
        {
            return Refused(answers, e);
        }
    }

    /// <summary>The script's autosave: the same draft save as the button, answered in JSON (a conflict is 409, never an overwrite).</summary>
    public async Task<IActionResult> OnPostAutosaveAsync()
    {
        await LoadAsync();
        var answers = ToolAnswersForm.Read(Request.Form, Context.ToolVersion);
        try
        {
            var version = await completion.SaveDraftAsync(Context, Expected, answers);
            return new JsonResult(new { version, savedAt = calendar.Now.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) });
        }
        catch (DomainException e)
        {
            // A field over its limit is the writer's to fix (400); anything else is a conflict with another save (409).
            return new JsonResult(new { message = e.Message }) { StatusCode = string.IsNullOrEmpty(e.Field) ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest };
        }
    }

    /// <summary>The return as a workbook to complete offline, with what is saved so far.</summary>
    public async Task<IActionResult> OnGetWorkbookAsync()
    {
        await LoadAsync();
        return File(ReturnWorkbook.Build(Context), WorkbookContentType, $"return-{Context.Uin}-{Context.Agency.Code}.xlsx");
    }

    /// <summary>A completed workbook comes back: saved as a draft or submitted, or refused whole with each problem by cell.</summary>
    public async Task<IActionResult> OnPostUploadAsync()
    {
        await LoadAsync();
        IReadOnlyList<WorkbookProblem> problems;
        if (Workbook is null || string.IsNullOrEmpty(Workbook.FileName)) problems = [new(null, "Select the completed workbook")];
        else if (UploadAction is not ("draft" or "submit")) problems = [new(null, "Select whether to save the workbook as a draft or submit it")];
        else if (Workbook.Length == 0) problems = [new(null, "The file is empty: choose the workbook you completed")];
        else if (Workbook.Length > Parallax.Core.Spreadsheets.SheetReader.MaxBytes) problems = [new(null, "The workbook must be smaller than 2 MB")];
        else
        {
            try
            {
                await using var stream = Workbook.OpenReadStream();
                problems = await completion.UploadAsync(Context, stream, UploadAction == "submit", ConfirmIdentifiers, User.Identity!.Name!);
            }
            catch (DomainException e)
            {
                problems = [new(null, e.Message)];
            }
        }

        if (problems.Count == 0) return UploadAction == "submit" ? RedirectToPage("/AgencyReturns/Submitted", new { id = Id }) : RedirectToPage(new { id = Id, saved = true });
        WorkbookProblems = problems;
        var message = problems.Count == 1 && problems[0].Cell is null
            ? problems[0].Message
            : $"The workbook has {(problems.Count == 1 ? "1 problem" : $"{problems.Count} problems")}: nothing was saved. Correct the cells listed and upload it again.";
        ModelState.AddModelError(nameof(Workbook), message);
        ViewData["OrderedErrors"] = new[] { (nameof(Workbook), message) };
        Form = new ToolFormView(Context.ToolVersion, ReturnCompletion.ToAnswers(Context), Context.Applies, new Dictionary<string, string>());
        return Page();
    }

    /// <summary>The agency has no involvement with the child or the linked adults: the request closes with its reason.</summary>
    public async Task<IActionResult> OnPostNotKnownAsync()
    {
        await LoadAsync();
        try
        {
            var request = await requests.FindAsync(User.SignedInPartnershipId(), Context.Request.AuditId, Id);
            await requests.MarkNotKnownAsync(request, NotKnownReason, User.Identity!.Name!);
            return RedirectToPage(new { id = Id });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(NotKnownReason), e.Message);
            Form = new ToolFormView(Context.ToolVersion, ReturnCompletion.ToAnswers(Context), Context.Applies, new Dictionary<string, string>());
            return Page();
        }
    }

    /// <summary>Core refused the answers: its sentence against the answer it names, or above the form.</summary>
    private PageResult Refused(ToolAnswers answers, DomainException refusal) => refusal.Field is { Length: > 0 } field
        ? Redisplay(answers, [new AnswerProblem(field, refusal.Message)], null)
        : Redisplay(answers, [], refusal.Message);

    private PageResult Redisplay(ToolAnswers answers, IReadOnlyList<AnswerProblem> problems, string? general)
    {
        All = true;
        if (general is not null) ModelState.AddModelError(string.Empty, general);
        foreach (var problem in problems) ModelState.AddModelError(problem.Field, problem.Message);
        ViewData["OrderedErrors"] = (general is null ? [] : new[] { ((string)null!, general) }).Concat(problems.Select(p => (p.Field, p.Message))).ToList();
        Form = new ToolFormView(Context.ToolVersion, answers, Context.Applies, problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Message));
        return Page();
    }

    private async Task LoadAsync()
    {
        // The folder's filter loaded the return with all its page shows (Records.AgencyReturn), or answered 404.
        var context = HttpContext.LoadedRecord<ReturnContext>();
        Context = context;
        Sections = ReturnSections.Of(context, ReturnCompletion.ToAnswers(context));
        Queries = context.HasQueries ? await queries.ForRequestsAsync([Id]) : [];
        Reopened = context.LastReopened;
    }
}
