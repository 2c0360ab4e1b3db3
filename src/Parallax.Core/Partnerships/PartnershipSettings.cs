namespace Parallax.Core.Partnerships;

/// <summary>What an administrator sets for the partnership, as the settings form sends it, with the version it was read at.</summary>
public sealed record SettingsInput(bool RequireTwoFactor, bool RequireIdentityProvider, string? NarrativeRetentionYears, Guid Version);

/// <summary>
/// The partnership's own settings: two-factor sign-in, sign-in only through the identity provider, and how many years
/// after an audit closes its case narrative is kept. A save made from a form read before another administrator's
/// save is refused, so neither overwrites the other unseen.
/// </summary>
public sealed class PartnershipSettings(ParallaxDbContext db)
{
    public const int MaxRetentionYears = 50;

    /// <summary>The settings as stored now, in the form's terms.</summary>
    public async Task<SettingsInput> ReadAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var p = await db.Partnerships.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partnershipId, ct) ?? throw new RecordNotFoundException();
        return new SettingsInput(p.RequireTwoFactor, p.RequireIdentityProvider,
            p.NarrativeRetentionYears?.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Version);
    }

    /// <param name="providerConfigured">Whether this server has an identity provider to require.</param>
    public async Task SaveAsync(Guid partnershipId, SettingsInput input, bool providerConfigured, CancellationToken ct = default)
    {
        var partnership = await db.Partnerships.FirstOrDefaultAsync(p => p.Id == partnershipId, ct) ?? throw new RecordNotFoundException();
        var problems = new List<(string, string)>();
        if (input.RequireIdentityProvider && !providerConfigured && !partnership.RequireIdentityProvider)
            problems.Add((nameof(SettingsInput.RequireIdentityProvider), "Sign-in through an identity provider is not set up on this server: ask whoever runs Parallax to set Parallax:OpenIdConnect first"));
        int? years = null;
        if (!string.IsNullOrWhiteSpace(input.NarrativeRetentionYears))
        {
            if (int.TryParse(input.NarrativeRetentionYears.Trim(), out var parsed) && parsed is >= 1 and <= MaxRetentionYears) years = parsed;
            else problems.Add((nameof(SettingsInput.NarrativeRetentionYears), $"Enter a whole number of years from 1 to {MaxRetentionYears}, or leave it empty to keep case narrative"));
        }

        DomainProblemsException.ThrowIfAny(problems);
        // The version the form was read at: if someone saved since, theirs is not overwritten silently.
        db.Entry(partnership).Property(p => p.Version).OriginalValue = input.Version;
        partnership.RequireTwoFactor = input.RequireTwoFactor;
        partnership.RequireIdentityProvider = input.RequireIdentityProvider;
        partnership.NarrativeRetentionYears = years;
        await db.SaveOrRefuseAsync(new EditConflictException(
            "Another administrator changed these settings while you were editing. Check the current settings below and save again.",
            nameof(SettingsInput.RequireTwoFactor)), ct);
    }
}
