namespace Parallax.Features.AgencyReturns;

/// <summary>
/// One section of a return on its own page (decision 0056): saved on its own, complete or not; its errors are its
/// own questions' only. "Save and continue" goes to the next section (or back to the check page it came from)
/// once the section is complete; "Save and come back later" goes to the return's task list.
/// </summary>
public class SectionModel(ReturnCompletion completion, Parallax.Core.Calendar.PartnershipCalendar calendar) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    [FromRoute] public int Number { get; set; }

    /// <summary>The section's fingerprint when the page was opened (named as the autosave script expects).</summary>
    [BindProperty] public string? Expected { get; set; }

    /// <summary>"check" when the page was opened from a "Change" link on the check page.</summary>
    [BindProperty(SupportsGet = true)] public string? ReturnTo { get; set; }

    public ReturnContext Context { get; private set; } = null!;

    public IReadOnlyList<ReturnSection> Sections { get; private set; } = [];

    public ReturnSection Section { get; private set; } = null!;

    public ToolFormView Form { get; private set; } = null!;

    public bool FromCheck => ReturnTo == "check";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!Load()) return NotFound();
        var stored = ReturnCompletion.ToAnswers(Context);
        Expected = ReturnSections.Fingerprint(stored, Section);
        Form = FormFor(stored, new Dictionary<string, string>());
        return Page();
    }

    /// <summary>"Save and continue": saved whatever it holds; on to the next page only when the section is complete.</summary>
    public Task<IActionResult> OnPostSaveAsync() => SaveAsync(continuing: true);

    /// <summary>"Save and come back later": saved whatever it holds, back to the task list.</summary>
    public Task<IActionResult> OnPostLaterAsync() => SaveAsync(continuing: false);

    /// <summary>The script's autosave of this section: the same save, answered in JSON (a real conflict is 409).</summary>
    public async Task<IActionResult> OnPostAutosaveAsync()
    {
        if (!Load()) return NotFound();
        var posted = ToolAnswersForm.Read(Request.Form, Context.ToolVersion);
        try
        {
            var version = await completion.SaveSectionAsync(Context, Section, Expected, posted);
            return new JsonResult(new { version, savedAt = calendar.Now.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) });
        }
        catch (DomainException e)
        {
            return new JsonResult(new { message = e.Message }) { StatusCode = string.IsNullOrEmpty(e.Field) ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest };
        }
    }

    private async Task<IActionResult> SaveAsync(bool continuing)
    {
        if (!Load()) return NotFound();
        if (Context.IsReadOnly) return RedirectToPage("/AgencyReturns/Return", new { id = Id });
        var posted = ToolAnswersForm.Read(Request.Form, Context.ToolVersion);
        var merged = ReturnSections.Overlay(ReturnCompletion.ToAnswers(Context), posted, Section);
        try
        {
            Expected = await completion.SaveSectionAsync(Context, Section, Expected, posted);
        }
        catch (DomainException e)
        {
            return Redisplay(merged, e.Field is { Length: > 0 } field ? [new AnswerProblem(field, e.Message)] : [], e.Field is { Length: > 0 } ? null : e.Message);
        }

        if (!continuing) return RedirectToPage("/AgencyReturns/Return", new { id = Id, saved = "true" });
        var now = ReturnSections.Of(Context, merged).Single(s => s.Number == Number);
        if (now.Problems.Count > 0)
        {
            ViewData["SavedIncomplete"] = true;
            return Redisplay(merged, now.Problems, null);
        }

        if (FromCheck) return RedirectToPage("/AgencyReturns/Check", null, new { id = Id }, $"section-{Number}");
        var next = Sections.FirstOrDefault(s => s.Number > Number && !s.Completed) ?? Sections.FirstOrDefault(s => !s.Completed && s.Number != Number);
        return next is null ? RedirectToPage("/AgencyReturns/Check", new { id = Id }) : RedirectToPage("/AgencyReturns/Section", new { id = Id, number = next.Number });
    }

    private PageResult Redisplay(ToolAnswers answers, IReadOnlyList<AnswerProblem> problems, string? general)
    {
        if (general is not null) ModelState.AddModelError(string.Empty, general);
        foreach (var problem in problems) ModelState.AddModelError(problem.Field, problem.Message);
        ViewData["OrderedErrors"] = (general is null ? [] : new[] { ((string)null!, general) }).Concat(problems.Select(p => (p.Field, p.Message))).ToList();
        Form = FormFor(answers, problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Message));
        return Page();
    }

    private ToolFormView FormFor(ToolAnswers answers, IReadOnlyDictionary<string, string> errors) =>
        new(Context.ToolVersion, answers, Context.Applies, errors, Only: Section.ToolSection is { } s ? s.Id.ToString("N") : ToolFormView.Overall);

    private bool Load()
    {
        // The folder's filter loaded the return with all its page shows (Records.AgencyReturn), or answered 404.
        var context = HttpContext.LoadedRecord<ReturnContext>();
        Context = context;
        Sections = ReturnSections.Of(context, ReturnCompletion.ToAnswers(context));
        if (Sections.FirstOrDefault(s => s.Number == Number) is not { } section) return false;
        Section = section;
        return true;
    }
}
