namespace Parallax.Features.Admin.Agencies;

/// <summary>One agency: correct its details, retire it when it leaves the partnership, or reinstate it.</summary>
public class AgencyModel(AgencyRegister register, ParallaxDbContext db) : AgencyFormPage
{
    [FromRoute] public Guid Id { get; set; }

    public Agency Agency { get; private set; } = null!;

    public int OpenRequests { get; private set; }

    /// <summary>Why the agency is retired, kept in the trail with the change (decision 0053).</summary>
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Form = AgencyForm.From(Agency);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var agency = await register.UpdateAsync(User.SignedInPartnershipId(), Id, Form.ToInput());
        TempData["Notification"] = $"{agency.Name} ({agency.Code}) was changed.";
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostRetireAsync() => await ChangeAsync((p, a, ct) => { db.Because(Reason); return register.RetireAsync(p, a, ct); }, "was retired: it keeps its history and gets no new requests");

    public async Task<IActionResult> OnPostReinstateAsync() => await ChangeAsync(register.ReinstateAsync, "was reinstated");

    private async Task<IActionResult> ChangeAsync(Func<Guid, Guid, CancellationToken, Task<Agency>> change, string what)
    {
        await LoadAsync();
        changingStatus = true;
        var agency = await change(User.SignedInPartnershipId(), Id, HttpContext.RequestAborted);
        TempData["Notification"] = $"{agency.Name} ({agency.Code}) {what}.";
        return RedirectToPage("Index");
    }

    /// <summary>Retiring or reinstating sends no form: a refusal is about the whole agency, shown with its details.</summary>
    private bool changingStatus;

    public override Task ReloadAfterRefusalAsync(DomainException refusal)
    {
        if (changingStatus) Form = AgencyForm.From(Agency);
        return Task.CompletedTask;
    }

    public override string FieldFor(string coreField) => changingStatus ? "" : base.FieldFor(coreField);

    private async Task LoadAsync()
    {
        Agency = HttpContext.LoadedRecord<Agency>();
        OpenRequests = await db.ReturnRequests.CountAsync(r => r.AgencyId == Id && Parallax.Core.Returns.ReturnChaser.Open.Contains(r.Status));
    }
}
