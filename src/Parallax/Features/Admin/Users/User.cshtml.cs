namespace Parallax.Features.Admin.Users;

/// <summary>One person: change their access, and the account's lifecycle (invitation, lockout, two-factor, leaving).</summary>
public class UserModel(People people, AgencyRegister agencies, SignInManager<ParallaxUser> signIn, TimeProvider clock, Parallax.Core.Data.ParallaxDbContext db) : PersonFormPage(agencies)
{
    /// <summary>The clock the page compares the invitation's expiry with.</summary>
    public TimeProvider Clock => clock;

    [FromRoute] public Guid Id { get; set; }

    public PersonRow Person { get; private set; } = null!;

    /// <summary>Why the invitation is cancelled or the account deactivated, kept in the trail with the change (decision 0053).</summary>
    [BindProperty] public string? Reason { get; set; }

    public bool IsSelf => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var me) && me == Id;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        DisplayName = Person.DisplayName;
        SelectedRoles = [.. Person.Roles];
        AgencyCode = Person.AgencyCode;
        return Page();
    }

    public Task<IActionResult> OnPostAsync() =>
        ActAsync(async ct =>
        {
            await people.ChangeAsync(PartnershipId, Id, new PersonInput(null, DisplayName, SelectedRoles, AgencyCode), ct);
            // Their sessions end so the new access applies at once; an administrator changing their own keeps theirs.
            if (IsSelf && await signIn.UserManager.GetUserAsync(User) is { } me) await signIn.RefreshKeepingSignInAsync(HttpContext, me);
            return $"{Person.Email}'s access was changed. If they were signed in, they sign in again to use it.";
        }, keepForm: true);

    public Task<IActionResult> OnPostResendAsync() =>
        ActAsync(async ct => { await people.ResendInvitationAsync(PartnershipId, Id, User.Identity?.Name ?? "Your administrator", ct); return $"A new invitation was sent to {Person.Email}; the earlier link no longer works."; });

    public Task<IActionResult> OnPostCancelAsync() =>
        ActAsync(async ct => { db.Because(Reason); await people.CancelInvitationAsync(PartnershipId, Id, ct); return $"The invitation to {Person.Email} was cancelled."; });

    public Task<IActionResult> OnPostDeactivateAsync() =>
        ActAsync(async ct => { db.Because(Reason); await people.DeactivateAsync(PartnershipId, Id, Me, ct); return $"{Person.Email} was deactivated and signed out everywhere."; });

    public Task<IActionResult> OnPostReactivateAsync() =>
        ActAsync(async ct => { await people.ReactivateAsync(PartnershipId, Id, ct); return $"{Person.Email} was reactivated and can sign in again."; });

    public Task<IActionResult> OnPostUnlockAsync() =>
        ActAsync(async ct => { await people.UnlockAsync(PartnershipId, Id, ct); return $"{Person.Email} was unlocked."; });

    public Task<IActionResult> OnPostResetTwoFactorAsync() =>
        ActAsync(async ct => { await people.ResetTwoFactorAsync(PartnershipId, Id, ct); return $"{Person.Email}'s authenticator app was removed: they set two-factor sign-in up again."; });

    private Guid PartnershipId => User.SignedInPartnershipId();

    private Guid? Me => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var me) ? me : null;

    private async Task<IActionResult> ActAsync(Func<CancellationToken, Task<string>> action, bool keepForm = false)
    {
        await LoadAsync();
        keepsForm = keepForm;
        TempData["Notification"] = await action(HttpContext.RequestAborted);
        return RedirectToPage(Person.Status == AccountStatus.Invited && !keepForm ? "Index" : "User", new { id = Id });
    }

    /// <summary>Whether the refused action was the access form (shown as sent) or a lifecycle button (the form as stored).</summary>
    private bool keepsForm;

    public override Task ReloadAfterRefusalAsync(DomainException refusal)
    {
        if (!keepsForm)
        {
            DisplayName = Person.DisplayName;
            SelectedRoles = [.. Person.Roles];
            AgencyCode = Person.AgencyCode;
        }

        return Task.CompletedTask;
    }

    private async Task LoadAsync()
    {
        var person = await people.RowAsync(PartnershipId, Id, HttpContext.RequestAborted) ?? throw new RecordNotFoundException();
        Person = person;
        CurrentAgencyId = person.AgencyId;
        await LoadAgenciesAsync();
    }
}
