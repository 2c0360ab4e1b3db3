namespace Parallax.Web;

/// <summary>The three boxes of the GOV.UK date input, bound as typed, checked with the Design System's messages.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }

    public string? Month { get; set; }

    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateParts From(DateOnly? date) => date is { } d
        ? new() { Day = d.Day.ToString(CultureInfo.InvariantCulture), Month = d.Month.ToString(CultureInfo.InvariantCulture), Year = d.Year.ToString(CultureInfo.InvariantCulture) }
        : new();

    /// <summary>The date, or null with <paramref name="problem"/> saying what is wrong ("the date requests are sent" as <paramref name="what"/>).</summary>
    public DateOnly? Parse(string what, bool required, out string? problem)
    {
        problem = null;
        if (IsEmpty)
        {
            if (required) problem = $"Enter {what}";
            return null;
        }

        var missing = new[] { ("day", Day), ("month", Month), ("year", Year) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            problem = $"{Capitalise(what)} must include a {string.Join(" and ", missing)}";
            return null;
        }

        if (int.TryParse(Day, out var d) && int.TryParse(Month, out var m) && int.TryParse(Year, out var y)
            && y is >= 1900 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            return new DateOnly(y, m, d);

        problem = $"{Capitalise(what)} must be a real date";
        return null;
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

/// <summary>What the _DateInput partial renders.</summary>
public sealed record DateInputView(string Name, string Legend, string? Hint, DateParts Value, string? Error);
