namespace Parallax.Features.Audits.Report;

/// <summary>The audit's report: narrative sections, which sections in which order, versions, downloads and marking one final.</summary>
public class ReportModel(AuditReports reports, ReportBuilder builder) : PageModel, IShowsRefusals
{
    [FromRoute] public Guid Id { get; set; }

    /// <summary>Each section's position in the report, by key; a section without a position (or unticked) is left out.</summary>
    [BindProperty] public Dictionary<string, string?> Position { get; set; } = [];

    [BindProperty] public List<string> Include { get; set; } = [];

    [BindProperty] public string? Marking { get; set; }

    public Audit Audit { get; private set; } = null!;

    public ReportSettings Settings { get; private set; } = null!;

    public IReadOnlyDictionary<string, ReportNarrative> Narratives { get; private set; } = new Dictionary<string, ReportNarrative>();

    public IReadOnlyList<ReportVersion> Versions { get; private set; } = [];

    public IReadOnlyList<ReportDownload> Downloads { get; private set; } = [];

    public bool Frozen => Versions.Any(v => v.IsFinal);

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Marking = Settings.ProtectiveMarking;
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync()
    {
        await LoadAsync();
        var order = new List<(int Position, int Default, string Key)>();
        foreach (var (definition, index) in ReportSections.All.Select((d, i) => (d, i)))
        {
            if (!Include.Contains(definition.Key)) continue;
            var text = Position.GetValueOrDefault(definition.Key)?.Trim();
            if (string.IsNullOrEmpty(text)) order.Add((int.MaxValue, index, definition.Key));
            else if (int.TryParse(text, out var position) && position is > 0 and < 100) order.Add((position, index, definition.Key));
            else ModelState.AddModelError($"Position[{definition.Key}]", $"Enter the position of \"{definition.Title}\" as a whole number from 1 to 99");
        }

        if (!ModelState.IsValid) return Page();
        await reports.SaveSettingsAsync(User.SignedInPartnershipId(), Id, [.. order.OrderBy(o => o.Position).ThenBy(o => o.Default).Select(o => o.Key)], Marking);
        TempData["Notification"] = "The report's sections and marking are saved.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostGenerateAsync()
    {
        var version = await reports.GenerateAsync(User.SignedInPartnershipId(), Id, User.Identity!.Name!);
        TempData["Notification"] = $"Version {version.Number} of the report is ready to download.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnGetDownloadAsync(int number, ReportFormat format)
    {
        if (format is not (ReportFormat.Docx or ReportFormat.Pdf or ReportFormat.Xlsx)) return NotFound();
        var file = await reports.DownloadAsync(User.SignedInPartnershipId(), Id, number, format, User.Identity!.Name!);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>The page as it was, with the marking as sent (settings) or as saved (generating, downloading).</summary>
    async Task IShowsRefusals.ReloadAfterRefusalAsync(DomainException refusal)
    {
        await LoadAsync();
        Marking ??= Settings.ProtectiveMarking;
    }

    private async Task LoadAsync()
    {
        var partnership = User.SignedInPartnershipId();
        Audit = HttpContext.LoadedRecord<Audit>();
        Settings = await builder.SettingsAsync(Id);
        Narratives = await builder.NarrativesAsync(Id);
        Versions = await reports.VersionsAsync(partnership, Id);
        Downloads = await reports.DownloadsAsync(partnership, Id);
    }
}
