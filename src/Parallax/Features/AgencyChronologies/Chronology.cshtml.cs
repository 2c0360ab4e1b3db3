namespace Parallax.Features.AgencyChronologies;

/// <summary>
/// One agency's chronology for one review: its events, entered one by one or uploaded (all or nothing),
/// the suggested types to confirm, and submitting it. Only the agency's own auditors reach it.
/// </summary>
[RequestSizeLimit(SheetReader.MaxBytes + 64 * 1024)]
public class ChronologyModel(PracticeReviews reviews, ChronologyWriting writing, ChronologyEventTypes eventTypes, ParallaxDbContext db) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public IFormFile? Upload { get; set; }

    [BindProperty] public bool Replace { get; set; }

    /// <summary>The agency says the dates on the 1st of the month are real days, not months a spreadsheet turned into days.</summary>
    [BindProperty] public bool FirstsAreDays { get; set; }

    /// <summary>Set when the last upload's day dates all fell on the 1st: the page then offers <see cref="FirstsAreDays"/>.</summary>
    public bool AskFirstsAreDays { get; private set; }

    public AgencyChronology Chronology { get; private set; } = null!;

    public ReviewHousehold Household { get; private set; } = null!;

    public IReadOnlyList<ChronologyEvent> Events { get; private set; } = [];

    public IReadOnlyList<ChronologyEventType> Types { get; private set; } = [];

    public IReadOnlyList<ChronologyRowError> Problems { get; private set; } = [];

    public bool Open => Chronology.Request.Status != ChronologyStatus.Submitted;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync()
    {
        await LoadAsync();
        return SpreadsheetImportPage.CsvTemplateFile(ChronologyImport.TemplateCsv(), "parallax-chronology-template.csv");
    }

    public async Task<IActionResult> OnPostUploadAsync()
    {
        await LoadAsync();
        if (Upload is null || string.IsNullOrEmpty(Upload.FileName))
        {
            ModelState.AddModelError(nameof(Upload), "Select a CSV or Excel file with your chronology");
            return Page();
        }

        try
        {
            await using var stream = Upload.OpenReadStream();
            var sheet = SheetReader.Read(stream, Upload.FileName, Upload.Length);
            var request = await TrackedAsync();
            var result = await writing.ImportAsync(request, sheet, Replace, firstsAreDays: FirstsAreDays);
            if (result.Errors.Count == 0 && result.Warning is not null && !FirstsAreDays)
            {
                AskFirstsAreDays = true;
                ModelState.AddModelError(nameof(Upload), result.Warning);
                return Page();
            }

            if (result.Errors.Count == 0)
            {
                TempData["Notification"] = $"{(result.Events.Count == 1 ? "1 event was" : $"{result.Events.Count} events were")} {(Replace ? "uploaded in place of those entered before" : "added")}. Check the suggested types, then submit.";
                return RedirectToPage("/AgencyChronologies/Chronology", new { id = Id });
            }

            Problems = result.Errors;
            var message = ImportProblems.Summary(Problems.Count, Problems[0].Row == 0, Problems[0].Message);
            ViewData["OrderedErrors"] = new[] { ("problems", message) };
            ModelState.AddModelError(nameof(Upload), message);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(Upload), e.Message);
        }

        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync() => ChangeAsync(async request =>
    {
        var confirmed = await writing.ConfirmSuggestedTypesAsync(request);
        TempData["Notification"] = confirmed == 1 ? "1 suggested type is confirmed." : $"{confirmed} suggested types are confirmed.";
    });

    public Task<IActionResult> OnPostRemoveAsync(Guid eventId) => ChangeAsync(async request =>
    {
        await writing.RemoveEventAsync(request, eventId);
        TempData["Notification"] = "The event is removed.";
    });

    public Task<IActionResult> OnPostSubmitAsync() => ChangeAsync(async request =>
    {
        await writing.SubmitAsync(request, User.Identity?.Name ?? "agency");
        TempData["Notification"] = "Your chronology is submitted to the review lead.";
    });

    private async Task<IActionResult> ChangeAsync(Func<ChronologyRequest, Task> change)
    {
        await LoadAsync();
        await change(await TrackedAsync());
        return RedirectToPage("/AgencyChronologies/Chronology", new { id = Id });
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => LoadAsync();

    /// <summary>The chronology's buttons send no fields: a refusal is about the whole chronology.</summary>
    string IShowsRefusals.FieldFor(string coreField) => "";

    private Task<ChronologyRequest> TrackedAsync() => writing.AgencyRequestAsync(User.SignedInPartnershipId(), User.SignedInAgencyId(), Id);

    private async Task LoadAsync()
    {
        var chronology = HttpContext.LoadedRecord<AgencyChronology>();
        Chronology = chronology;
        Household = await reviews.HouseholdAsync(chronology.Review);
        Events = await db.ChronologyEvents.AsNoTracking().Where(e => e.RequestId == Id).OrderBy(e => e.StartsOn).ThenBy(e => e.Order).ToListAsync();
        Types = await eventTypes.EventTypesAsync(chronology.Review.PartnershipId);
    }
}
