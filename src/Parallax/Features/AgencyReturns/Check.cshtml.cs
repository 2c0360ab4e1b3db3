namespace Parallax.Features.AgencyReturns;

/// <summary>
/// Check your answers before submitting a return (decision 0056): every section's saved answers with a "Change" link
/// back to it, what is still missing as links (never a list of every error), a declaration and "Submit return".
/// </summary>
public class CheckModel(ReturnCompletion completion) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    /// <summary>The version of the return the page showed: a save since (another window, a colleague) is a conflict.</summary>
    [BindProperty] public Guid? Expected { get; set; }

    [BindProperty] public bool Declaration { get; set; }

    [BindProperty] public bool ConfirmIdentifiers { get; set; }

    public ReturnContext Context { get; private set; } = null!;

    public ToolAnswers Answers { get; private set; } = null!;

    public IReadOnlyList<ReturnSection> Sections { get; private set; } = [];

    public IReadOnlyList<(string Field, Parallax.Core.Privacy.IdentifierFinding Finding)> Identifiers { get; private set; } = [];

    public bool Complete => Sections.All(s => s.Completed);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!Load()) return NotFound();
        Expected = Context.Saved?.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Load()) return NotFound();
        if (Context.IsReadOnly) return RedirectToPage("/AgencyReturns/Return", new { id = Id });
        if (!Complete) return Page();
        var errors = new List<(string Field, string Message)>();
        if (Context.Saved is null || Context.Saved.Version != Expected)
        {
            errors.Add((string.Empty, "This return was saved from another window or by a colleague since you opened this page. Check the answers below, which are the latest, then submit."));
            Expected = Context.Saved?.Version;
        }
        else
        {
            var check = ReturnCompletion.Check(Context, Answers, ConfirmIdentifiers);
            Identifiers = check.Identifiers;
            errors.AddRange(check.Identifiers.Select(i => (i.Field, $"\"{i.Finding.Text}\": {i.Finding.Advice}")));
            if (!Declaration) errors.Add((nameof(Declaration), "Confirm the declaration to submit the return"));
        }

        if (errors.Count == 0)
        {
            try
            {
                var (result, _) = await completion.SubmitAsync(Context, Expected, Answers, ConfirmIdentifiers, User.Identity!.Name!);
                if (result.Submitted) return RedirectToPage("/AgencyReturns/Submitted", new { id = Id });
                errors.AddRange(result.Problems.Select(p => (p.Field, p.Message)));
            }
            catch (DomainException e)
            {
                errors.Add((e.Field ?? string.Empty, e.Message));
            }
        }

        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        // Flagged text lives on a section page: the summary's links go there.
        ViewData["OrderedErrors"] = errors.Select(e => (Link(e.Field), e.Message)).ToList();
        return Page();
    }

    /// <summary>Where an error's link goes: a field on this page, or the field on its section's page.</summary>
    public string Link(string field)
    {
        if (string.IsNullOrEmpty(field) || field == nameof(Declaration)) return field;
        return Sections.FirstOrDefault(s => s.Fields.Contains(field)) is { } section ? Url.Page("/AgencyReturns/Section", pageHandler: null, values: new { id = Id, number = section.Number, returnTo = "check" }, protocol: null, host: null, fragment: field)! : field;
    }

    private bool Load()
    {
        // The folder's filter loaded the return with all its page shows (Records.AgencyReturn), or answered 404.
        var context = HttpContext.LoadedRecord<ReturnContext>();
        Context = context;
        Answers = ReturnCompletion.ToAnswers(context);
        Sections = ReturnSections.Of(context, Answers);
        return true;
    }
}
