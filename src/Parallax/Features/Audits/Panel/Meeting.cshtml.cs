namespace Parallax.Features.Audits.Panel;

/// <summary>The panel meeting: its date, who attended by agency, and each case's slot and agreed judgement.</summary>
public class PanelMeetingModel(ParallaxDbContext db, PanelRecords records) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public DateParts HeldOn { get; set; } = new();

    [BindProperty] public string? Attendees { get; set; }

    public Audit Audit { get; private set; } = null!;

    public IReadOnlyList<(Case Case, PanelCaseRecord? Record)> Cases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (await records.MeetingAsync(Id) is { } meeting)
        {
            HeldOn = DateParts.From(meeting.HeldOn);
            Attendees = string.Join("\n", meeting.Attendees);
        }
        else
        {
            HeldOn = DateParts.From(Audit.PanelOn);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var date = HeldOn.Parse("the date of the panel", required: true, out var problem)
            ?? throw new DomainException(problem!, nameof(HeldOn));
        await records.SaveMeetingAsync(User.SignedInPartnershipId(), Id, date, (Attendees ?? "").Split('\n'));
        TempData["Notification"] = "The panel meeting is saved.";
        return RedirectToPage(new { id = Id });
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal)
    {
        ViewData["FieldOrder"] = new[] { $"{nameof(HeldOn)}.Day", nameof(Attendees) };
        return Task.CompletedTask;
    }

    private async Task LoadAsync()
    {
        Audit = HttpContext.LoadedRecord<Audit>();
        var cases = await db.Cases.AsNoTracking().Where(c => db.AuditCases.Any(ac => ac.AuditId == Id && ac.CaseId == c.Id)).OrderBy(c => c.Uin).ToListAsync();
        var panel = await db.PanelCaseRecords.AsNoTracking().Where(p => p.AuditId == Id).ToListAsync();
        Cases = cases.Select(c => (c, panel.FirstOrDefault(p => p.CaseId == c.Id))).ToList();
    }
}
