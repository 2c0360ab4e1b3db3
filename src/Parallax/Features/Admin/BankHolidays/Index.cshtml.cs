namespace Parallax.Features.Admin.BankHolidays;

/// <summary>The bank holidays deadlines are counted with: England and Wales built in, plus the partnership's own changes.</summary>
public class IndexModel(PartnershipCalendar calendar) : PageModel, IShowsRefusals
{
    [BindProperty] public DateParts Date { get; set; } = new();

    [BindProperty] public string? Name { get; set; }

    public IReadOnlyList<PartnershipHoliday> Changes { get; private set; } = [];

    public IReadOnlyList<(DateOnly Day, bool Worked)> BuiltIn { get; private set; } = [];

    public int Year { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        var date = Date.Parse("the date", required: true, out var problem)
            ?? throw new DomainException(problem!, nameof(Date));
        await calendar.AddAsync(User.SignedInPartnershipId(), date, Name);
        TempData["Notification"] = $"{date:dddd d MMMM yyyy} is saved. New deadlines are counted with it; deadlines already set do not move.";
        return RedirectToPage();
    }

    Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal) => LoadAsync();

    public async Task<IActionResult> OnPostRemoveAsync(Guid changeId)
    {
        if (!await calendar.RemoveAsync(User.SignedInPartnershipId(), changeId)) return NotFound();
        TempData["Notification"] = "The change is removed.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Changes = await calendar.Changes(User.SignedInPartnershipId()).AsNoTracking().ToListAsync();
        Year = calendar.Today.Year;
        var worked = Changes.Where(c => c.IsWorkingDay).Select(c => c.Date).ToHashSet();
        BuiltIn = Parallax.Core.Calendar.BankHolidays.For(Year).Concat(Parallax.Core.Calendar.BankHolidays.For(Year + 1))
            .Select(d => (d, worked.Contains(d))).ToList();
    }
}
