using System.Reflection;

namespace Parallax.Tests.Calendar;

/// <summary>
/// The London-time rule (decision 0036), read from the source: every date and time a page shows or defaults comes
/// from <c>PartnershipCalendar</c> (<c>Now</c>, <c>Today</c>, <c>InLondon</c>, <c>LondonDate</c>) or the <c>London()</c>
/// formatting helper, never from the system clock or a UTC value's own date or time.
/// </summary>
public partial class LondonTimeRuleTests
{
    private static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Parallax.slnx"))) folder = folder.Parent;
        return folder!.FullName;
    }

    private static IEnumerable<(string File, int Line, string Text)> Lines(string folder, params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Path.Combine(Root(), folder), p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains("Migrations", StringComparison.Ordinal))
            .SelectMany(f => File.ReadAllLines(f).Select((text, i) => (Path.GetRelativePath(Root(), f), i + 1, text)));

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\.(Now|UtcNow|Today)\b")]
    private static partial Regex SystemClock();

    [Fact]
    public void NothingReadsTheSystemClock_TimeComesFromTheTimeProvider()
    {
        var offenders = Lines("src", "*.cs", "*.cshtml").Where(l => SystemClock().IsMatch(l.Text)).Select(l => $"{l.File}:{l.Line}").ToList();
        Assert.True(offenders.Count == 0, "Read the clock through TimeProvider and PartnershipCalendar: " + string.Join(", ", offenders));
    }

    [Fact]
    public void EveryDayTakenFromAMoment_IsLondonsDay()
    {
        // A day from a moment (DateOnly.FromDateTime) is London's: PartnershipCalendar.LondonDate, Today, or a value already in London time.
        // Spreadsheet serial dates (FromOADate) are days already and have no time zone.
        var offenders = Lines("src", "*.cs", "*.cshtml")
            .Where(l => l.Text.Contains("DateOnly.FromDateTime(", StringComparison.Ordinal) && !l.Text.Contains("London", StringComparison.Ordinal) && !l.Text.Contains("FromOADate", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}").ToList();
        Assert.True(offenders.Count == 0, "Take the day in London (PartnershipCalendar.LondonDate): " + string.Join(", ", offenders));
    }

    [Fact]
    public void EveryMomentAPageShows_IsFormattedInLondonTime()
    {
        // The names of every moment the application stores or passes to a page (DateTimeOffset properties).
        var names = new[] { typeof(Parallax.Core.Calendar.PartnershipCalendar).Assembly, typeof(Parallax.Web.ParallaxServices).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.PropertyType == typeof(DateTimeOffset) || p.PropertyType == typeof(DateTimeOffset?))
            .Select(p => p.Name).Where(n => n != "Now").ToHashSet();
        var alternatives = string.Join("|", names.Select(Regex.Escape));
        // Formatted, or its date or time read, without going through London() or PartnershipCalendar.InLondon.
        var direct = new Regex($@"\.({alternatives})[?!]?(\.Value)?\.(ToString|Date|Day|Month|Year|Hour|Minute|DateTime|UtcDateTime|TimeOfDay)\b|\{{[^{{}}]*\.({alternatives}):[^}}]+\}}");
        var offenders = Lines(Path.Combine("src", "Parallax", "Features"), "*.cshtml", "*.cshtml.cs")
            .Where(l => direct.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {direct.Match(l.Text).Value}").ToList();
        Assert.True(offenders.Count == 0, "Show moments in London time (.London(format)): " + string.Join(", ", offenders));
    }
}
