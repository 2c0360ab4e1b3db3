namespace Parallax.Features.Tools;

/// <summary>Adds a question to a section of a draft, or edits one ("new" or the question's id in the address).</summary>
public class QuestionModel(ToolCatalogue catalogue) : PageModel
{
    [FromRoute] public Guid ToolId { get; set; }

    [FromRoute] public int Number { get; set; }

    [FromRoute] public Guid SectionId { get; set; }

    [FromRoute(Name = "questionId")] public string QuestionKey { get; set; } = "new";

    [BindProperty] public Guid Expected { get; set; }

    [BindProperty] public string Code { get; set; } = "";

    [BindProperty] public string Text { get; set; } = "";

    [BindProperty] public string? HelpText { get; set; }

    [BindProperty] public string? ShortLabel { get; set; }

    [BindProperty] public string? Area { get; set; }

    [BindProperty] public QuestionKind Kind { get; set; }

    [BindProperty] public bool Required { get; set; } = true;

    [BindProperty] public bool CommentRequiredOnNo { get; set; } = true;

    [BindProperty] public bool CommentRequiredOnNa { get; set; } = true;

    [BindProperty] public string? Options { get; set; }

    public string SectionTitle { get; private set; } = "";

    public bool IsNew => QuestionKey == "new";

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync(fillFromQuestion: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        var options = (Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var input = new QuestionInput(Code, Text, HelpText, Kind, Required, CommentRequiredOnNo, CommentRequiredOnNa, options, ShortLabel, Area);
        try
        {
            if (IsNew) await catalogue.AddQuestionAsync(partnershipId, ToolId, Number, Expected, SectionId, input);
            else if (Guid.TryParse(QuestionKey, out var questionId)) await catalogue.UpdateQuestionAsync(partnershipId, ToolId, Number, Expected, questionId, input);
            else return NotFound();
            return RedirectToPage("/Tools/Version", new { toolId = ToolId, number = Number });
        }
        catch (DomainException e)
        {
            await LoadAsync(fillFromQuestion: false);
            ModelState.AddModelError(e is DomainException { Field: { } field } ? field : string.Empty, e.Message);
            return Page();
        }
    }

    private async Task LoadAsync(bool fillFromQuestion)
    {
        var found = await catalogue.FindAsync(User.SignedInPartnershipId(), ToolId, Number);
        if (found is null || found.Value.Version.IsFrozen) throw new RecordNotFoundException();
        var section = found.Value.Version.Sections.FirstOrDefault(s => s.Id == SectionId);
        if (section is null) throw new RecordNotFoundException();
        SectionTitle = section.Title;
        if (!fillFromQuestion) return;

        Expected = found.Value.Version.Version;
        if (IsNew) return;
        var question = section.Questions.FirstOrDefault(q => q.Id.ToString() == QuestionKey);
        if (question is null) throw new RecordNotFoundException();
        (Code, Text, HelpText, Kind, Required, CommentRequiredOnNo, CommentRequiredOnNa) =
            (question.Code, question.Text, question.HelpText, question.Kind, question.Required, question.CommentRequiredOnNo, question.CommentRequiredOnNa);
        (ShortLabel, Area) = (question.ShortLabel, question.Area);
        Options = string.Join('\n', question.Options);
    }
}
