namespace Parallax.Features.Admin.Settings;

/// <summary>Settings of the administrator's own partnership: two-factor sign-in and the retention rule for case narrative.</summary>
public class IndexModel(PartnershipSettings settings, Parallax.Core.Retention.NarrativeRetention retention, IConfiguration configuration, IWebHostEnvironment environment,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes) : PageModel, IShowsRefusals
{
    /// <summary>The identity provider's name ("your council account"), when one is configured; null otherwise.</summary>
    public string? ProviderName { get; private set; }

    /// <summary>People sign in only through the identity provider (administrators keep their password as the way in).</summary>
    [BindProperty]
    public bool RequireIdentityProvider { get; set; }

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ProviderName = (await schemes.GetSchemeAsync(OpenIdConnectSignIn.Scheme))?.DisplayName;
        await next();
    }

    /// <summary>Shown on every visit while a production host keeps its cookie-signing keys unencrypted (decision 0019).</summary>
    public bool KeysUnencrypted => environment.IsProduction() && !Parallax.Web.DataProtectionAtRest.From(configuration).Encrypted;

    /// <summary>Years after an audit closes that its case narrative is removed; empty keeps it.</summary>
    [BindProperty]
    public string? NarrativeRetentionYears { get; set; }

    /// <summary>What the retention rule would remove today (a dry run; the background job removes it).</summary>
    public Parallax.Core.Retention.RetentionReport? DryRun { get; private set; }

    [BindProperty]
    public bool RequireTwoFactor { get; set; }

    [BindProperty]
    public Guid Version { get; set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        Fill(await settings.ReadAsync(User.SignedInPartnershipId()));
        Saved = saved;
        DryRun = await retention.RunAsync(apply: false, User.SignedInPartnershipId());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await settings.SaveAsync(User.SignedInPartnershipId(),
            new SettingsInput(RequireTwoFactor, RequireIdentityProvider, NarrativeRetentionYears, Version), providerConfigured: ProviderName is not null);
        return RedirectToPage(new { saved = true });
    }

    async Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal)
    {
        if (refusal is not EditConflictException) return;
        // Show what is stored now, with its version, so the next save is made knowingly.
        ModelState.Clear();
        Fill(await settings.ReadAsync(User.SignedInPartnershipId()));
    }

    private void Fill(SettingsInput stored) =>
        (RequireTwoFactor, RequireIdentityProvider, NarrativeRetentionYears, Version) =
        (stored.RequireTwoFactor, stored.RequireIdentityProvider, stored.NarrativeRetentionYears, stored.Version);
}
