namespace Parallax.Features.Admin.Settings;

/// <summary>Settings of the administrator's own partnership: two-factor sign-in and the retention rule for case narrative.</summary>
public class IndexModel(ParallaxDbContext db, Parallax.Core.Retention.NarrativeRetention retention, IConfiguration configuration, IWebHostEnvironment environment,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes) : PageModel
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

    public const int MaxRetentionYears = 50;

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
        var partnership = await db.Partnerships.AsNoTracking().FirstOrDefaultAsync(p => p.Id == User.PartnershipId());
        if (partnership is null) return NotFound();
        RequireTwoFactor = partnership.RequireTwoFactor;
        RequireIdentityProvider = partnership.RequireIdentityProvider;
        NarrativeRetentionYears = partnership.NarrativeRetentionYears?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Version = partnership.Version;
        Saved = saved;
        DryRun = await retention.RunAsync(apply: false, partnership.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var partnership = await db.Partnerships.FirstOrDefaultAsync(p => p.Id == User.PartnershipId());
        if (partnership is null) return NotFound();

        // The version the form was read at: if someone saved since, theirs is not overwritten silently.
        db.Entry(partnership).Property(p => p.Version).OriginalValue = Version;
        partnership.RequireTwoFactor = RequireTwoFactor;
        if (RequireIdentityProvider && ProviderName is null && !partnership.RequireIdentityProvider)
        {
            ModelState.AddModelError(nameof(RequireIdentityProvider), "Sign-in through an identity provider is not set up on this server: ask whoever runs Parallax to set Parallax:OpenIdConnect first");
            return Page();
        }

        partnership.RequireIdentityProvider = RequireIdentityProvider;
        int? years = null;
        if (!string.IsNullOrWhiteSpace(NarrativeRetentionYears))
        {
            if (!int.TryParse(NarrativeRetentionYears.Trim(), out var parsed) || parsed < 1 || parsed > MaxRetentionYears)
            {
                ModelState.AddModelError(nameof(NarrativeRetentionYears), $"Enter a whole number of years from 1 to {MaxRetentionYears}, or leave it empty to keep case narrative");
                return Page();
            }

            years = parsed;
        }

        partnership.NarrativeRetentionYears = years;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(partnership).ReloadAsync();
            // Show what is stored now, with its version, so the next save is made knowingly.
            ModelState.Remove(nameof(Version));
            ModelState.Remove(nameof(RequireTwoFactor));
            ModelState.Remove(nameof(NarrativeRetentionYears));
            RequireTwoFactor = partnership.RequireTwoFactor;
            ModelState.Remove(nameof(RequireIdentityProvider));
            RequireIdentityProvider = partnership.RequireIdentityProvider;
            NarrativeRetentionYears = partnership.NarrativeRetentionYears?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Version = partnership.Version;
            ModelState.AddModelError(nameof(RequireTwoFactor), "Another administrator changed these settings while you were editing. Check the current settings below and save again.");
            return Page();
        }

        return RedirectToPage(new { saved = true });
    }
}
