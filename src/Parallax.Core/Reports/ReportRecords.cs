namespace Parallax.Core.Reports;

/// <summary>How the lead wants an audit's report: which sections, in what order, and its protective marking.</summary>
public class ReportSettings : IVersioned
{
    /// <summary>The audit's id: one set of settings per audit.</summary>
    public Guid AuditId { get; set; }

    /// <summary>Keys of the included sections, in order (see <see cref="ReportSections"/>).</summary>
    public List<string> Sections { get; set; } = [];

    public string ProtectiveMarking { get; set; } = ReportSections.DefaultMarking;

    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>The lead's own text for one narrative section; until it exists the report uses the draft generated from the data.</summary>
public class ReportNarrative : VersionedEntity
{
    public Guid AuditId { get; set; }

    public required string Section { get; set; }

    public required string Text { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A generated report, numbered per audit. The content is kept as it was generated (<see cref="ReportDocument"/>
/// as JSON), so every download of a version, in any format, says the same. A final version is frozen.
/// </summary>
public class ReportVersion : Entity
{
    public Guid AuditId { get; set; }

    public int Number { get; set; }

    public required string Content { get; set; }

    public required string GeneratedBy { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    public bool IsFinal { get; set; }

    public string? FinalisedBy { get; set; }

    public DateTimeOffset? FinalisedAt { get; set; }

    /// <summary>Set when the lead marked it final although the identifiable-data check warned.</summary>
    public bool IdentifiersConfirmedFalsePositive { get; set; }
}

public enum ReportFormat
{
    Docx,
    Pdf,
    Xlsx,
    Html,
}

/// <summary>One download of a report version: who took which format when (the download is what leaves the system).</summary>
public class ReportDownload : Entity
{
    public Guid ReportVersionId { get; set; }

    public ReportFormat Format { get; set; }

    public required string DownloadedBy { get; set; }

    public DateTimeOffset DownloadedAt { get; set; }
}
