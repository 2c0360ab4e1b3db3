namespace Parallax.Core.Cases;

/// <summary>
/// How a sample spreads across ages, sexes, ethnicities, levels of need and areas, with warnings where it
/// is narrow (published audits describe picking for such a mix).
/// </summary>
public sealed record SampleSpread(
    int Cases,
    IReadOnlyList<(string Label, int Count)> Ages,
    IReadOnlyList<(string Label, int Count)> Sexes,
    IReadOnlyList<(string Label, int Count)> Ethnicities,
    IReadOnlyList<(string Label, int Count)> Levels,
    IReadOnlyList<(string Label, int Count)> Areas,
    int HeardAtMarac,
    IReadOnlyList<string> Warnings)
{
    public static readonly IReadOnlyList<string> AgeBands = ["Unborn", "Under 1", "1 to 4", "5 to 10", "11 to 15", "16 and 17"];

    public static SampleSpread Of(IReadOnlyCollection<Case> cases, int? target)
    {
        var ages = Count(cases, AgeBand, AgeBands);
        var sexes = Count(cases, c => c.Sex switch { Sex.Female => "Female", Sex.Male => "Male", _ => "Not known" });
        var ethnicities = Count(cases, c => global::Parallax.Core.Cases.Ethnicities.GroupOf(c.Ethnicity));
        var levels = Count(cases, c => LevelName(c.LevelOfNeed));
        var areas = Count(cases, c => c.Area ?? "Not recorded");

        var warnings = new List<string>();
        if (target is { } t && cases.Count < t) warnings.Add($"The sample has {cases.Count} of the {t} cases planned.");
        if (cases.Count >= 3)
        {
            if (sexes.Count(s => s.Count > 0) == 1) warnings.Add($"Every case is {sexes.Single(s => s.Count > 0).Label.ToLowerInvariant()}: consider a mix of sexes.");
            if (levels.Count(l => l.Count > 0) == 1) warnings.Add($"Every case is at the same level of need ({levels.Single(l => l.Count > 0).Label}): consider other levels.");
            if (ethnicities.Count(e => e.Count > 0) == 1) warnings.Add($"Every case has the same ethnic group ({ethnicities.Single(e => e.Count > 0).Label}): consider children from other groups.");
            if (areas.Count(a => a.Count > 0) == 1 && cases.All(c => c.Area is not null)) warnings.Add($"Every case is from {areas.Single(a => a.Count > 0).Label}: consider other areas or offices.");
            if (!cases.Any(c => c.Unborn || c.AgeYears < 5)) warnings.Add("No child in the sample is under 5 or unborn.");
        }

        return new SampleSpread(cases.Count, ages, sexes, ethnicities, levels, areas, cases.Count(c => c.HeardAtMarac), warnings);
    }

    public static string AgeBand(Case c) => c.Unborn ? "Unborn" : c.AgeYears switch
    {
        0 => "Under 1",
        <= 4 => "1 to 4",
        <= 10 => "5 to 10",
        <= 15 => "11 to 15",
        _ => "16 and 17",
    };

    /// <summary>Age as tables show it: "Unborn", "4 months" (or "Under 1" without months), years, or "Not known".</summary>
    public static string AgeName(Case c) => c.Unborn ? "Unborn" : c.AgeYears switch
    {
        null => "Not known",
        0 => MonthsName(c.AgeMonths) ?? "Under 1",
        var years => $"{years}",
    };

    /// <summary>"4 months", "1 month", "Under 1 month"; null when months are not recorded.</summary>
    public static string? MonthsName(int? months) => months switch
    {
        null => null,
        0 => "Under 1 month",
        1 => "1 month",
        var m => $"{m} months",
    };

    /// <summary>MARAC as audit reports record it: "No", "Yes", "Yes, repeat", "Yes, historic 2010".</summary>
    public static string MaracName(Case c) => !c.HeardAtMarac ? "No" : c.MaracDetail switch
    {
        MaracDetail.Repeat => "Yes, repeat",
        MaracDetail.Historic => c.MaracYear is { } year ? $"Yes, historic {year}" : "Yes, historic",
        _ => "Yes",
    };

    public static string SexName(Sex sex) => sex == Sex.NotKnown ? "Not known" : sex.ToString();

    public static string LevelName(LevelOfNeed level) => level switch
    {
        LevelOfNeed.EarlyHelp => "Early Help",
        LevelOfNeed.ChildInNeed => "Child in Need",
        LevelOfNeed.ChildProtection => "Child Protection",
        LevelOfNeed.ChildLookedAfter => "Child Looked After",
        LevelOfNeed.PublicLawOutline => "PLO (pre-proceedings)",
        LevelOfNeed.PreBirth => "Pre-birth",
        _ => level.ToString(),
    };

    private static List<(string Label, int Count)> Count(IEnumerable<Case> cases, Func<Case, string> key, IReadOnlyList<string>? order = null)
    {
        var counts = cases.GroupBy(key).ToDictionary(g => g.Key, g => g.Count());
        var labels = order ?? counts.Keys.Order().ToList();
        return labels.Select(l => (l, counts.GetValueOrDefault(l))).ToList();
    }
}
