namespace Parallax.Features.Audits.Panel;

/// <summary>What the panel agreed about one case: pen picture, what worked, what to improve, learning, and the partnership judgement with its rationale.</summary>
public class PanelCaseModel(PanelRecords records) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [FromRoute] public Guid CaseId { get; set; }

    [BindProperty] public Guid? Expected { get; set; }

    [BindProperty] public string? Slot { get; set; }

    [BindProperty] public string? PenPicture { get; set; }

    [BindProperty] public string? WorkedWell { get; set; }

    [BindProperty] public string? AreasForImprovement { get; set; }

    [BindProperty] public string? Learning { get; set; }

    [BindProperty] public string? AgreedGrade { get; set; }

    [BindProperty] public string? AgreedQualifier { get; set; }

    [BindProperty] public string? Rationale { get; set; }

    /// <summary>The author says the flagged text identifies no one (the return form's confirm-a-false-positive step).</summary>
    [BindProperty] public bool ConfirmIdentifiers { get; set; }

    /// <summary>True when the posted text was refused as possibly identifying someone: the page then offers to confirm it does not.</summary>
    public bool AskToConfirm { get; private set; }

    public Audit Audit { get; private set; } = null!;

    public Case Case { get; private set; } = null!;

    public static readonly string[] FieldOrder = [nameof(Slot), nameof(PenPicture), nameof(WorkedWell), nameof(AreasForImprovement), nameof(Learning), nameof(AgreedGrade), nameof(AgreedQualifier), nameof(Rationale)];

    public async Task<IActionResult> OnGetAsync()
    {
        Load();
        if (await records.FindAsync(Id, CaseId) is { } record)
        {
            (Expected, Slot, PenPicture, WorkedWell, AreasForImprovement, Learning, AgreedGrade, AgreedQualifier, Rationale) =
                (record.Version, record.Slot, record.PenPicture, record.WorkedWell, record.AreasForImprovement, record.Learning, record.AgreedGrade?.ToString(), record.AgreedQualifier, record.Rationale);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Load();
        Grade? grade = null;
        if (!string.IsNullOrEmpty(AgreedGrade))
        {
            if (Enum.TryParse<Grade>(AgreedGrade, out var parsed) && Enum.IsDefined(parsed)) grade = parsed;
            else ModelState.AddModelError(nameof(AgreedGrade), "Select a judgement from the scale: Outstanding, Good, Requires improvement or Inadequate");
        }

        if (ModelState.IsValid)
        {
            await records.SaveAsync(User.SignedInPartnershipId(), Id, CaseId, Expected,
                new PanelCaseInput(Slot, PenPicture, WorkedWell, AreasForImprovement, Learning, grade, AgreedQualifier, Rationale, ConfirmIdentifiers), User.Identity!.Name!);
            return RedirectToPage("/Audits/Collation/Case", new { id = Id, caseId = CaseId });
        }

        ViewData["FieldOrder"] = FieldOrder;
        return Page();
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal)
    {
        AskToConfirm = new[] { PenPicture, WorkedWell, AreasForImprovement, Learning, Rationale }.Any(t => Parallax.Core.Privacy.IdentifiableDataDetector.Find(t).Count > 0);
        ViewData["FieldOrder"] = FieldOrder;
        return Task.CompletedTask;
    }

    private void Load()
    {
        Audit = HttpContext.LoadedRecord<Audit>();
        Case = HttpContext.LoadedRecord<Case>();
    }
}
