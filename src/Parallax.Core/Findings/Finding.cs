namespace Parallax.Core.Findings;

public enum FindingKind
{
    Strength,
    AreaForImprovement,
}

/// <summary>How far a finding reaches: across the system, within the audit's theme, or one agency's practice.</summary>
public enum FindingScope
{
    WiderSystem,
    ThemeSpecific,
    SingleAgency,
}

/// <summary>A practice theme from the partnership's list, used to follow learning across audits.</summary>
public class Theme : Entity, IPartnershipOwned
{
    public Guid PartnershipId { get; set; }

    public required string Name { get; set; }

    public static readonly string[] Defaults =
    [
        "Professional curiosity", "Voice of the child", "Information sharing", "Chronology", "Management oversight",
        "Disguised compliance", "Fathers and significant males", "Escalation", "Contingency planning", "Case recording",
    ];
}

public class Finding : VersionedEntity
{
    public Guid AuditId { get; set; }

    public FindingKind Kind { get; set; }

    public FindingScope Scope { get; set; }

    /// <summary>The agency, for a single-agency finding.</summary>
    public Guid? AgencyId { get; set; }

    public Guid ThemeId { get; set; }

    public required string Text { get; set; }

    /// <summary>The cases of the sample the finding came from.</summary>
    public List<Guid> CaseIds { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public static string Describe(FindingScope scope) => scope switch
    {
        FindingScope.WiderSystem => "Wider system",
        FindingScope.ThemeSpecific => "Specific to the theme",
        _ => "Single agency",
    };
}


public sealed record FindingInput(FindingKind? Kind, FindingScope? Scope, Guid? AgencyId, Guid? ThemeId, string? Text, IReadOnlyList<Guid> CaseIds, bool ConfirmedNotIdentifying = false);

/// <summary>The audit's findings and the partnership's list of themes.</summary>
public sealed class AuditFindings(ParallaxDbContext db, TimeProvider clock)
{
    /// <summary>The partnership's themes, starting from the common list the first time they are asked for.</summary>
    public async Task<List<Theme>> ThemesAsync(Guid partnershipId, CancellationToken ct = default)
    {
        if (!await db.Themes.AnyAsync(t => t.PartnershipId == partnershipId, ct))
        {
            db.Themes.AddRange(Theme.Defaults.Select(name => new Theme { PartnershipId = partnershipId, Name = name }));
            await db.SaveChangesAsync(ct);
        }

        return await db.Themes.AsNoTracking().Where(t => t.PartnershipId == partnershipId).OrderBy(t => t.Name).ToListAsync(ct);
    }

    public async Task AddThemeAsync(Guid partnershipId, string? name, CancellationToken ct = default)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw new DomainException("Enter the name of the theme", "ThemeName");
        if (trimmed.Length > 100) throw new DomainException("The name must be 100 characters or fewer", "ThemeName");
        var themes = await ThemesAsync(partnershipId, ct);
        if (themes.Any(t => string.Equals(t.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
            throw new DomainException($"\"{trimmed}\" is already on the list", "ThemeName");
        db.Themes.Add(new Theme { PartnershipId = partnershipId, Name = trimmed });
        await db.SaveChangesAsync(ct);
    }

    public IQueryable<Finding> ForAudit(Guid auditId) => db.Findings.Where(f => f.AuditId == auditId);

    public async Task<Finding> AddAsync(Guid partnershipId, Guid auditId, FindingInput input, CancellationToken ct = default)
    {
        if (!await db.Audits.AnyAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct)) throw new RecordNotFoundException("That audit does not exist.");
        var valid = await CheckAsync(partnershipId, auditId, input, ct);
        var finding = new Finding
        {
            AuditId = auditId, Kind = valid.Kind, Scope = valid.Scope, AgencyId = valid.AgencyId, ThemeId = valid.ThemeId, Text = valid.Text,
            CaseIds = valid.CaseIds, CreatedAt = clock.GetUtcNow(),
        };
        db.Findings.Add(finding);
        await db.SaveChangesAsync(ct);
        return finding;
    }

    /// <summary>
    /// Rewords or re-files a finding by the rules that made it. <paramref name="expected"/> is its version when
    /// the form was read: a colleague's change in between is a conflict, never overwritten.
    /// </summary>
    public async Task UpdateAsync(Guid partnershipId, Guid auditId, Guid findingId, Guid expected, FindingInput input, CancellationToken ct = default)
    {
        var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == findingId && f.AuditId == auditId && db.Audits.Any(a => a.Id == auditId && a.PartnershipId == partnershipId), ct)
            ?? throw new DomainException("That finding is not part of this audit.", "");
        var conflict = new EditConflictException("Someone changed this finding while you were editing it. Nothing was saved: the form now shows their changes.", nameof(FindingInput.Text));
        if (finding.Version != expected) throw conflict;
        db.Entry(finding).Property(f => f.Version).OriginalValue = expected;
        var valid = await CheckAsync(partnershipId, auditId, input, ct);
        (finding.Kind, finding.Scope, finding.AgencyId, finding.ThemeId, finding.Text) = (valid.Kind, valid.Scope, valid.AgencyId, valid.ThemeId, valid.Text);
        // The cases are a set: the same cases in another order is no change.
        if (!finding.CaseIds.ToHashSet().SetEquals(valid.CaseIds)) finding.CaseIds = valid.CaseIds;
        await db.SaveOrRefuseAsync(conflict, ct);
    }

    private sealed record ValidFinding(FindingKind Kind, FindingScope Scope, Guid? AgencyId, Guid ThemeId, string Text, List<Guid> CaseIds);

    private async Task<ValidFinding> CheckAsync(Guid partnershipId, Guid auditId, FindingInput input, CancellationToken ct)
    {
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) throw new DomainException("Select whether this is a strength or an area for improvement", nameof(FindingInput.Kind));
        if (input.Scope is not { } scope || !Enum.IsDefined(scope)) throw new DomainException("Select how far the finding reaches", nameof(FindingInput.Scope));
        var text = input.Text?.Trim() ?? "";
        if (text.Length == 0) throw new DomainException("Enter the finding", nameof(FindingInput.Text));
        if (text.Length > 4000) throw new DomainException("The finding must be 4,000 characters or fewer", nameof(FindingInput.Text));
        if (!input.ConfirmedNotIdentifying && Privacy.IdentifiableDataDetector.Sentence("The finding", text) is { } identifying)
            throw new DomainException(identifying, nameof(FindingInput.Text));
        if (input.ThemeId is not { } themeId || !await db.Themes.AnyAsync(t => t.Id == themeId && t.PartnershipId == partnershipId, ct))
            throw new DomainException("Select a theme", nameof(FindingInput.ThemeId));
        Guid? agencyId = null;
        if (scope == FindingScope.SingleAgency)
        {
            if (input.AgencyId is not { } agency || !await db.Agencies.AnyAsync(a => a.Id == agency && a.PartnershipId == partnershipId, ct))
                throw new DomainException("Select the agency a single-agency finding is about", nameof(FindingInput.AgencyId));
            agencyId = agency;
        }

        var sample = await db.AuditCases.Where(ac => ac.AuditId == auditId).Select(ac => ac.CaseId).ToListAsync(ct);
        if (input.CaseIds.Any(c => !sample.Contains(c))) throw new DomainException("Select cases from this audit's sample only", nameof(FindingInput.CaseIds));
        return new ValidFinding(kind, scope, agencyId, themeId, text, [.. input.CaseIds.Distinct()]);
    }

    public async Task<bool> RemoveAsync(Guid partnershipId, Guid auditId, Guid findingId, CancellationToken ct = default) =>
        await db.RemoveFirstAsync<Finding>(f => f.Id == findingId && f.AuditId == auditId && db.Audits.Any(a => a.Id == auditId && a.PartnershipId == partnershipId), ct);
}
