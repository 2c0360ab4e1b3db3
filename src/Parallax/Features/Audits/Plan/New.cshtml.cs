namespace Parallax.Features.Audits.Plan;

/// <summary>Sets up an audit: its terms of reference, tool and dates. Creating it freezes the tool version it uses.</summary>
public class NewModel(AuditPlanner planner, ParallaxDbContext db, Parallax.Core.Calendar.PartnershipCalendar calendar, Parallax.Core.Reviews.PracticeReviews reviews, Parallax.Core.Reviews.ReviewLearnings learnings) : PageModel, IShowsRefusals
{
    /// <summary>The practice review whose themes the audit tests, when started from one.</summary>
    [BindProperty(SupportsGet = true)] public Guid? ReviewId { get; set; }

    public sealed record ToolChoice(string Value, string Text);

    [BindProperty, Required(ErrorMessage = "Enter a title for the audit")] public string Title { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter the theme of the audit")] public string Theme { get; set; } = "";

    [BindProperty] public string? ThemeSource { get; set; }

    [BindProperty] public string? TermsOfReference { get; set; }

    /// <summary>"toolId/versionNumber".</summary>
    [BindProperty] public string? Tool { get; set; }

    [BindProperty] public string? LookbackRule { get; set; }

    [BindProperty] public string? SampleSizeTarget { get; set; }

    [BindProperty] public DateParts RequestsSentOn { get; set; } = new();

    [BindProperty] public string? ReturnWorkingDays { get; set; } = "15";

    [BindProperty] public DateParts PanelOn { get; set; } = new();

    public IReadOnlyList<ToolChoice> Tools { get; private set; } = [];

    public async Task OnGetAsync()
    {
        RequestsSentOn = DateParts.From(calendar.Today);
        await LoadToolsAsync();
        if (ReviewId is { } reviewId)
        {
            var review = await reviews.FindOrNullAsync(User.SignedInPartnershipId(), reviewId);
            if (review is null) ReviewId = null;
            else
            {
                (Theme, ThemeSource, TermsOfReference) = await learnings.AuditSuggestionAsync(review);
                Title = $"Learning from {review.Title}";
            }
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Check every field the page can check, so the error summary lists them all at once.
        var sent = RequestsSentOn.Parse("the date requests are sent", required: true, out var sentProblem);
        if (sentProblem is not null) ModelState.AddModelError($"{nameof(RequestsSentOn)}.Day", sentProblem);
        var (panel, sample) = AuditTermsInput.Read(ModelState, PanelOn, SampleSizeTarget, nameof(PanelOn), nameof(SampleSizeTarget));
        if (!int.TryParse(ReturnWorkingDays, out var days))
            ModelState.AddModelError(nameof(ReturnWorkingDays), "Working days to return must be a whole number, like 15");
        var tool = ParseTool(Tool);
        if (tool is null) ModelState.AddModelError(nameof(Tool), "Select an audit tool");

        if (ModelState.IsValid)
        {
            var plan = new AuditPlan(Title, Theme, ThemeSource, TermsOfReference, tool!.Value.ToolId, tool.Value.Number,
                LookbackRule, sample, sent!.Value, days, panel, ReviewId);
            var audit = await planner.CreateAsync(User.SignedInPartnershipId(), plan, await calendar.HolidaysAsync(User.SignedInPartnershipId()));
            return RedirectToPage("/Audits/Plan/Overview", new { id = audit.Id });
        }

        await ShowAgainAsync();
        return Page();
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => ShowAgainAsync();

    string IShowsRefusals.FieldFor(string coreField) => coreField == nameof(AuditPlan.ToolId) ? nameof(Tool) : coreField;

    private async Task ShowAgainAsync()
    {
        await LoadToolsAsync();
        ViewData["FieldOrder"] = FieldOrder;
    }

    private static readonly string[] FieldOrder =
        [nameof(Title), nameof(Theme), nameof(ThemeSource), nameof(TermsOfReference), nameof(LookbackRule), nameof(SampleSizeTarget),
         nameof(Tool), $"{nameof(RequestsSentOn)}.Day", nameof(ReturnWorkingDays), $"{nameof(PanelOn)}.Day"];

    public string? ErrorFor(string key) => ModelState.ErrorFor(key);

    private static (Guid ToolId, int Number)? ParseTool(string? value)
    {
        var parts = value?.Split('/');
        return parts is [var id, var number] && Guid.TryParse(id, out var toolId) && int.TryParse(number, out var n) ? (toolId, n) : null;
    }

    private async Task LoadToolsAsync()
    {
        var partnershipId = User.SignedInPartnershipId();
        var versions = await db.ToolVersions.AsNoTracking()
            .Where(v => v.Tool!.PartnershipId == partnershipId && v.Sections.Any())
            .Select(v => new { v.ToolId, v.Number, v.Tool!.Name, v.FrozenAt })
            .ToListAsync();
        Tools = versions.OrderBy(v => v.Name).ThenByDescending(v => v.Number)
            .Select(v => new ToolChoice($"{v.ToolId}/{v.Number}", $"{v.Name}, version {v.Number}{(v.FrozenAt is null ? " (draft: it will be frozen)" : "")}"))
            .ToList();
    }
}
