namespace Parallax.Core.Reports;

/// <summary>One piece of report text that looks identifying, and the section it is in.</summary>
public sealed record ReportIdentifier(string Section, IdentifierFinding Finding);

/// <summary>
/// The lead's report work on one audit: choosing sections, writing the narrative, generating numbered
/// versions, marking one final (after the identifiable-data check), and downloads, each recorded.
/// Every call checks the audit belongs to the caller's partnership before anything else.
/// </summary>
public sealed class AuditReports(ParallaxDbContext db, ReportBuilder builder, PdfConverter pdf, TimeProvider clock)
{
    public const int MaxNarrative = TextLimits.Section;
    public const int MaxMarking = 60;

    public Task<bool> ExistsAsync(Guid partnershipId, Guid auditId, CancellationToken ct = default) =>
        db.Audits.AnyAsync(a => a.Id == auditId && a.PartnershipId == partnershipId, ct);

    public Task<bool> IsFrozenAsync(Guid auditId, CancellationToken ct = default) =>
        db.ReportVersions.AnyAsync(v => v.AuditId == auditId && v.IsFinal, ct);

    public async Task<IReadOnlyList<ReportVersion>> VersionsAsync(Guid partnershipId, Guid auditId, CancellationToken ct = default)
    {
        await RequireAsync(partnershipId, auditId, ct);
        return await db.ReportVersions.AsNoTracking().Where(v => v.AuditId == auditId).OrderByDescending(v => v.Number)
            .Select(v => new ReportVersion { Id = v.Id, AuditId = v.AuditId, Number = v.Number, Content = "", GeneratedBy = v.GeneratedBy, GeneratedAt = v.GeneratedAt, IsFinal = v.IsFinal, FinalisedBy = v.FinalisedBy, FinalisedAt = v.FinalisedAt })
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<ReportDownload>> DownloadsAsync(Guid partnershipId, Guid auditId, CancellationToken ct = default)
    {
        await RequireAsync(partnershipId, auditId, ct);
        return await db.ReportDownloads.AsNoTracking().Where(d => db.ReportVersions.Any(v => v.Id == d.ReportVersionId && v.AuditId == auditId))
            .OrderByDescending(d => d.DownloadedAt).Take(50).ToListAsync(ct);
    }

    /// <summary>Which sections, in which order, and the protective marking.</summary>
    public async Task SaveSettingsAsync(Guid partnershipId, Guid auditId, IReadOnlyList<string> sections, string? marking, CancellationToken ct = default)
    {
        await RequireEditableAsync(partnershipId, auditId, ct);
        var unknown = sections.FirstOrDefault(s => ReportSections.Find(s) is null);
        if (unknown is not null) throw new DomainException($"There is no report section called \"{unknown}\".", "Sections");
        if (sections.Count == 0) throw new DomainException("Select at least one section to include in the report", "Sections");
        var text = marking?.Trim() ?? "";
        if (text.Length == 0) throw new DomainException("Enter the protective marking, for example OFFICIAL-SENSITIVE", "Marking");
        if (text.Length > MaxMarking) throw new DomainException($"The protective marking must be {MaxMarking} characters or fewer", "Marking");
        var settings = await db.ReportSettings.FirstOrDefaultAsync(s => s.AuditId == auditId, ct);
        if (settings is null) db.ReportSettings.Add(settings = new ReportSettings { AuditId = auditId });
        settings.Sections = [.. sections.Distinct()];
        settings.ProtectiveMarking = ReportText.Clean(text);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Saves the lead's text for a narrative section. <paramref name="expected"/> is the version the form was opened at (null when it showed the generated draft).</summary>
    public async Task<Guid> SaveNarrativeAsync(Guid partnershipId, Guid auditId, string section, Guid? expected, string? text, string by, CancellationToken ct = default)
    {
        await RequireEditableAsync(partnershipId, auditId, ct);
        if (ReportSections.Find(section) is not { Kind: ReportSectionKind.Narrative }) throw new DomainException($"\"{section}\" is not a section you write.");
        var clean = ReportText.Clean(text).Trim();
        if (clean.Length > MaxNarrative) throw new DomainException($"The section must be {MaxNarrative:N0} characters or fewer; it has {clean.Length:N0}", "Text");
        var narrative = await db.ReportNarratives.FirstOrDefaultAsync(n => n.AuditId == auditId && n.Section == section, ct);
        if (narrative is null)
        {
            if (expected is not null) throw Conflict();
            narrative = new ReportNarrative { AuditId = auditId, Section = section, Text = clean, UpdatedBy = by };
            db.ReportNarratives.Add(narrative);
        }
        else
        {
            if (narrative.Version != expected) throw Conflict();
            db.Entry(narrative).Property(n => n.Version).OriginalValue = expected.Value;
            narrative.Text = clean;
            narrative.UpdatedBy = by;
        }

        narrative.UpdatedAt = clock.GetUtcNow();
        await db.SaveOrRefuseAsync(Conflict(), ct);

        return narrative.Version;
    }

    /// <summary>Drops the lead's text so the section goes back to the draft generated from the data.</summary>
    public async Task ResetNarrativeAsync(Guid partnershipId, Guid auditId, string section, CancellationToken ct = default)
    {
        await RequireEditableAsync(partnershipId, auditId, ct);
        var narrative = await db.ReportNarratives.FirstOrDefaultAsync(n => n.AuditId == auditId && n.Section == section, ct);
        if (narrative is null) return;
        db.ReportNarratives.Remove(narrative);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Generates the report as it stands and keeps it as the next numbered version.</summary>
    public async Task<ReportVersion> GenerateAsync(Guid partnershipId, Guid auditId, string by, CancellationToken ct = default)
    {
        await RequireEditableAsync(partnershipId, auditId, ct);
        var number = (await db.ReportVersions.Where(v => v.AuditId == auditId).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        var report = (await builder.BuildAsync(partnershipId, auditId, number, ct))!;
        var version = new ReportVersion { AuditId = auditId, Number = number, Content = report.ToJson(), GeneratedBy = by, GeneratedAt = clock.GetUtcNow() };
        db.ReportVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (audit, number) index: another version took this number between reading and saving.
            throw new DomainException("Someone generated a version at the same moment. Generate again to make the next one.");
        }

        return version;
    }

    public async Task<ReportDocument?> VersionAsync(Guid partnershipId, Guid auditId, int number, CancellationToken ct = default)
    {
        await RequireAsync(partnershipId, auditId, ct);
        var content = await db.ReportVersions.AsNoTracking().Where(v => v.AuditId == auditId && v.Number == number).Select(v => v.Content).FirstOrDefaultAsync(ct);
        return content is null ? null : ReportDocument.FromJson(content);
    }

    /// <summary>Text in the version that looks identifying (names with titles, NHS numbers, phone numbers, addresses...).</summary>
    public async Task<IReadOnlyList<ReportIdentifier>> CheckAsync(Guid partnershipId, Guid auditId, int number, CancellationToken ct = default)
    {
        var report = await VersionAsync(partnershipId, auditId, number, ct) ?? throw new DomainException($"There is no version {number} of this report.");
        return [.. report.Texts().SelectMany(t => IdentifiableDataDetector.Find(t.Text).Select(f => new ReportIdentifier(t.Section, f)))];
    }

    /// <summary>
    /// Marks a version final, which freezes the report: no more editing or versions. Refused, with the
    /// findings, while the identifiable-data check finds something the lead has not confirmed is not identifying.
    /// </summary>
    public async Task<IReadOnlyList<ReportIdentifier>> FinaliseAsync(Guid partnershipId, Guid auditId, int number, bool confirmIdentifiers, string by, CancellationToken ct = default)
    {
        await RequireEditableAsync(partnershipId, auditId, ct);
        var version = await db.ReportVersions.FirstOrDefaultAsync(v => v.AuditId == auditId && v.Number == number, ct)
            ?? throw new DomainException($"There is no version {number} of this report.");
        var found = await CheckAsync(partnershipId, auditId, number, ct);
        if (found.Count > 0 && !confirmIdentifiers) return found;
        version.IsFinal = true;
        version.FinalisedBy = by;
        version.FinalisedAt = clock.GetUtcNow();
        version.IdentifiersConfirmedFalsePositive = found.Count > 0;
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>A version in one format, with the download recorded (who, which, when).</summary>
    public async Task<ReportFile?> DownloadAsync(Guid partnershipId, Guid auditId, int number, ReportFormat format, string by, CancellationToken ct = default)
    {
        var version = await db.ReportVersions.AsNoTracking().FirstOrDefaultAsync(v => v.AuditId == auditId && v.Number == number && db.Audits.Any(a => a.Id == auditId && a.PartnershipId == partnershipId), ct);
        if (version is null) return null;
        var file = await RenderAsync(ReportDocument.FromJson(version.Content), format, ct);
        db.ReportDownloads.Add(new ReportDownload { ReportVersionId = version.Id, Format = format, DownloadedBy = by, DownloadedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return file;
    }

    public Task<ReportFile> RenderAsync(ReportDocument report, ReportFormat format, CancellationToken ct = default) =>
        ReportFile.RenderAsync(report, format, FileName(report), pdf, ct);

    private static string FileName(ReportDocument report)
    {
        var slug = new string([.. report.Title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return $"{(slug.Length == 0 ? "audit" : slug[..Math.Min(60, slug.Length)])}-report-{(report.Version > 0 ? $"v{report.Version}" : "draft")}";
    }

    private async Task RequireAsync(Guid partnershipId, Guid auditId, CancellationToken ct)
    {
        if (!await ExistsAsync(partnershipId, auditId, ct)) throw new RecordNotFoundException();
    }

    private async Task RequireEditableAsync(Guid partnershipId, Guid auditId, CancellationToken ct)
    {
        await RequireAsync(partnershipId, auditId, ct);
        if (await IsFrozenAsync(auditId, ct)) throw new DomainException("The report has a final version, so it is frozen: nothing can be changed or generated.");
    }

    private static EditConflictException Conflict() =>
        new("Someone saved this section since you opened it. Nothing was overwritten: open it again to see their text.", "Text");
}

