using System.Text.RegularExpressions;

namespace Parallax.Core.Reviews;

/// <summary>
/// A chronology date as agencies write them: a day ("14 June 2017"), a month ("June 2017"), a year ("2017"),
/// or a range of those ("November 2018 - April 2019"). It sorts at the start of what it covers, so a month
/// sorts before the days in it, and reads back at the precision it was given.
/// </summary>
public readonly record struct ChronologyDate(DateOnly Start, DatePrecision Precision, DateOnly? End = null, DatePrecision? EndPrecision = null)
{
    /// <summary>The last day the date (or its range) covers.</summary>
    public DateOnly LastDay => End is { } end ? LastDayOf(end, EndPrecision ?? Precision) : LastDayOf(Start, Precision);

    public override string ToString() =>
        End is { } end ? $"{Format(Start, Precision)} to {Format(end, EndPrecision ?? Precision)}" : Format(Start, Precision);

    public static string Format(DateOnly day, DatePrecision precision) => precision switch
    {
        DatePrecision.Day => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
        DatePrecision.Month => day.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        _ => day.Year.ToString(CultureInfo.InvariantCulture),
    };

    private static DateOnly LastDayOf(DateOnly start, DatePrecision precision) => precision switch
    {
        DatePrecision.Day => start,
        DatePrecision.Month => start.AddMonths(1).AddDays(-1),
        _ => new DateOnly(start.Year, 12, 31),
    };
}

/// <summary>A parsed date, or the sentence that says what is wrong with it.</summary>
public readonly record struct ChronologyDateResult(ChronologyDate? Date, string? Error)
{
    public static ChronologyDateResult Fail(string error) => new(null, error);
}

/// <summary>Reads chronology dates and times typed in a form or a spreadsheet cell.</summary>
public static partial class ChronologyDates
{
    public const string Examples = "a day such as 14/06/2017, a month such as June 2017, Jun-17 or 2017-06, a year such as 2017, a week such as w/c 4 June 2018, or a range such as November 2018 - April 2019";

    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>
    /// Parses <paramref name="text"/>. <paramref name="stated"/> is the precision column, when given: a coarser
    /// precision than the text has is applied ("month" with 14/06/2017 is June 2017); a finer one is an error.
    /// Dates after <paramref name="today"/> are refused: a chronology records what has happened.
    /// </summary>
    public static ChronologyDateResult Parse(string? text, string? stated, DateOnly today)
    {
        var value = Clean(text);
        if (value.Length == 0) return ChronologyDateResult.Fail("Enter the date of the event");

        DatePrecision? precision = null;
        if (!string.IsNullOrWhiteSpace(stated))
        {
            precision = stated.Trim().ToLowerInvariant() switch
            {
                "day" or "date" or "exact" => DatePrecision.Day,
                "month" => DatePrecision.Month,
                "year" => DatePrecision.Year,
                _ => null,
            };
            if (precision is null) return ChronologyDateResult.Fail($"The date precision \"{stated.Trim()}\" must be day, month or year");
        }

        // Forms that are ranges in themselves (decision 0065): "2017/18", "w/c 4 June 2018", "early 2018".
        if (Whole(value) is { } whole)
        {
            if (whole.Error is not null) return ChronologyDateResult.Fail(whole.Error);
            var span = whole.Date!.Value;
            if (precision is { } stated2 && stated2 < span.Precision)
                return ChronologyDateResult.Fail($"\"{value}\" is a {Name(span.Precision)} or longer, but the precision says {Name(stated2)}: give the full date or change the precision");
            if (precision is { } coarser && coarser > span.Precision)
            {
                var (s0, p0) = Coarsen(span.Start, coarser);
                var (e0, _) = Coarsen(span.End ?? span.Start, coarser);
                span = s0 == e0 ? new ChronologyDate(s0, p0) : new ChronologyDate(s0, p0, e0, p0);
            }

            if (span.Start > today || (span.End is { } we && we > today))
                return ChronologyDateResult.Fail($"The date \"{value}\" is in the future: a chronology records what has happened, so check the year");
            return new ChronologyDateResult(span, null);
        }

        var parts = RangeSeparator().Split(value);
        if (parts.Length > 2) return ChronologyDateResult.Fail($"\"{value}\" has more than two dates: a range has a start and an end, such as November 2018 - April 2019");

        var start = One(parts[0]);
        if (start.Error is not null) return ChronologyDateResult.Fail(start.Error);
        var (startDay, startPrecision) = start.Value;
        if (precision is { } p)
        {
            if (p < startPrecision) return ChronologyDateResult.Fail($"\"{parts[0].Trim()}\" is a {Name(startPrecision)}, but the precision says {Name(p)}: give the full date or change the precision");
            (startDay, startPrecision) = Coarsen(startDay, p);
        }

        ChronologyDate date;
        if (parts.Length == 2)
        {
            var end = One(parts[1]);
            if (end.Error is not null) return ChronologyDateResult.Fail(end.Error);
            var (endDay, endPrecision) = end.Value;
            if (precision is { } q && q > endPrecision) (endDay, endPrecision) = Coarsen(endDay, q);
            date = new ChronologyDate(startDay, startPrecision, endDay, endPrecision);
            if (date.LastDay < startDay || endDay < startDay)
                return ChronologyDateResult.Fail($"The range \"{value}\" ends before it starts: put the earlier date first");
        }
        else
        {
            date = new ChronologyDate(startDay, startPrecision);
        }

        if (date.Start > today || (date.End is { } e && e > today))
            return ChronologyDateResult.Fail($"The date \"{value}\" is in the future: a chronology records what has happened, so check the year");
        return new ChronologyDateResult(date, null);
    }

    /// <summary>A time of day, 24-hour ("14:30", "9.05"), or a spreadsheet's fraction of a day; blank is no time.</summary>
    public static (TimeOnly? Time, string? Error) ParseTime(string? text)
    {
        var value = Clean(text);
        if (value.Length == 0) return (null, null);
        var match = TimePattern().Match(value);
        if (match.Success)
        {
            var hours = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (hours < 24 && minutes < 60) return (new TimeOnly(hours, minutes), null);
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction is >= 0 and < 1 && value.Contains('.'))
        {
            return (TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(Math.Round(fraction * 24 * 60))), null);
        }

        return (null, $"\"{value}\" is not a time: give hours and minutes on the 24-hour clock, such as 14:30, or leave it blank");
    }

    /// <summary>
    /// "2017/18" (two years, as year precision from January 2017 to December 2018: it may be a financial or a school
    /// year, and Parallax does not guess which); "w/c 4 June 2018" (the seven days from that day); "early", "mid" or
    /// "late 2018" (January to April, May to August, September to December, at month precision). Null for other text.
    /// </summary>
    private static ChronologyDateResult? Whole(string value)
    {
        if (SplitYear().Match(value) is { Success: true } split)
        {
            var first = Int(split, "a");
            var second = Int(split, "b");
            var end = second < 100 ? (first / 100 * 100) + second : second;
            if (end != first + 1) return ChronologyDateResult.Fail($"\"{value}\" should name two years in a row, such as {first}/{(first + 1) % 100:00}");
            return new ChronologyDateResult(new ChronologyDate(new DateOnly(first, 1, 1), DatePrecision.Year, new DateOnly(end, 1, 1), DatePrecision.Year), null);
        }

        if (WeekCommencing().Match(value) is { Success: true } week)
        {
            var day = One(week.Groups["day"].Value);
            if (day.Error is not null) return ChronologyDateResult.Fail(day.Error);
            if (day.Value.Precision != DatePrecision.Day) return ChronologyDateResult.Fail($"\"{value}\" needs the day the week starts, such as w/c 4 June 2018");
            return new ChronologyDateResult(new ChronologyDate(day.Value.Day, DatePrecision.Day, day.Value.Day.AddDays(6), DatePrecision.Day), null);
        }

        if (PartOfYear().Match(value) is { Success: true } part)
        {
            var year = Int(part, "y");
            if (year is < 1900 or > 9999) return ChronologyDateResult.Fail($"\"{value}\" is not a real year");
            var from = part.Groups["part"].Value.ToLowerInvariant() switch { "early" or "beginning of" or "start of" => 1, "mid" or "middle of" => 5, _ => 9 };
            return new ChronologyDateResult(new ChronologyDate(new DateOnly(year, from, 1), DatePrecision.Month, new DateOnly(year, from + 3, 1), DatePrecision.Month), null);
        }

        return null;
    }

    /// <summary>The precision an Excel number format shows: "mmm-yy" a month, "dd/mm/yyyy" a day, "yyyy" a year; null for a number format.</summary>
    public static DatePrecision? PrecisionOfFormat(string? format)
    {
        if (string.IsNullOrWhiteSpace(format)) return null;
        // Quoted text, bracketed colours and conditions, and escaped characters are not date parts.
        var code = FormatNoise().Replace(format.Split(';')[0], "").ToLowerInvariant();
        if (code.Contains('d')) return DatePrecision.Day;
        if (code.Contains('h') || code.Contains('s')) return null;
        if (code.Contains('m')) return DatePrecision.Month;
        if (code.Contains('y') || code.Contains('e')) return DatePrecision.Year;
        return null;
    }

    private readonly record struct Single((DateOnly Day, DatePrecision Precision) Value, string? Error);

    private static Single One(string part)
    {
        var text = part.Trim().TrimEnd('.');
        if (Season().Match(text) is { Success: true } season)
            return new(default, $"\"{text}\" is a season, which could mean different months: give a month such as March {season.Groups["year"].Value}, or a range such as March {season.Groups["year"].Value} - May {season.Groups["year"].Value}");

        // A date cell from Excel arrives as its serial number of days.
        if (ExcelSerial().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
            return new((ExcelEpoch.AddDays((int)Math.Floor(serial)), DatePrecision.Day), null);

        if (YearOnly().IsMatch(text)) return Checked(int.Parse(text, CultureInfo.InvariantCulture), 1, 1, DatePrecision.Year, text);

        if (IsoDay().Match(text) is { Success: true } iso)
            return Checked(Int(iso, "y"), Int(iso, "m"), Int(iso, "d"), DatePrecision.Day, text);
        if (IsoMonth().Match(text) is { Success: true } isoMonth)
            return Checked(Int(isoMonth, "y"), Int(isoMonth, "m"), 1, DatePrecision.Month, text);
        if (NumericDay().Match(text) is { Success: true } numeric)
            return Checked(FullYear(Int(numeric, "y")), Int(numeric, "m"), Int(numeric, "d"), DatePrecision.Day, text);
        if (NumericMonth().Match(text) is { Success: true } numericMonth)
            return Checked(Int(numericMonth, "y"), Int(numericMonth, "m"), 1, DatePrecision.Month, text);
        if (WordDay().Match(text) is { Success: true } wordDay && Month(wordDay.Groups["month"].Value) is { } dayMonth)
            return Checked(Int(wordDay, "y"), dayMonth, Int(wordDay, "d"), DatePrecision.Day, text);
        if (WordMonth().Match(text) is { Success: true } wordMonth && Month(wordMonth.Groups["month"].Value) is { } month)
            return Checked(Int(wordMonth, "y"), month, 1, DatePrecision.Month, text);
        // "Jun-17" (Excel's own month format, and what a CSV saved from Excel holds) and "June 17": a month of 20YY.
        if (ShortYearMonth().Match(text) is { Success: true } shortMonth && Month(shortMonth.Groups["month"].Value) is { } month2)
            return Checked(FullYear(Int(shortMonth, "y")), month2, 1, DatePrecision.Month, text);

        return new(default, $"\"{text}\" is not a date: enter {Examples}");
    }

    private static Single Checked(int year, int month, int day, DatePrecision precision, string text)
    {
        if (year is < 1900 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return new(default, $"\"{text}\" is not a real date: check the day, month and year");
        return new((new DateOnly(year, month, day), precision), null);
    }

    private static (DateOnly, DatePrecision) Coarsen(DateOnly day, DatePrecision precision) => precision switch
    {
        DatePrecision.Day => (day, precision),
        DatePrecision.Month => (new DateOnly(day.Year, day.Month, 1), precision),
        _ => (new DateOnly(day.Year, 1, 1), precision),
    };

    private static string Name(DatePrecision precision) => precision.ToString().ToLowerInvariant();

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static int FullYear(int year) => year < 100 ? 2000 + year : year;

    private static int? Month(string name)
    {
        var lower = name.ToLowerInvariant().TrimEnd('.');
        if (lower == "sept") return 9;
        var names = CultureInfo.InvariantCulture.DateTimeFormat;
        for (var m = 1; m <= 12; m++)
        {
            if (lower == names.GetMonthName(m).ToLowerInvariant() || lower == names.GetAbbreviatedMonthName(m).ToLowerInvariant()) return m;
        }

        return null;
    }

    private static string Clean(string? text) => (text ?? "").Replace('\u00A0', ' ').Trim();

    // A range: an en or em dash, "to", or a hyphen with space around it or between a year and a month name.
    [GeneratedRegex(@"\s*[–—]\s*|\s+(?:-|to|until)\s+|(?<=\d)-(?=[A-Za-z])", RegexOptions.IgnoreCase)]
    private static partial Regex RangeSeparator();

    [GeneratedRegex(@"^(?:spring|summer|autumn|fall|winter)\s+(?<year>\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex Season();

    [GeneratedRegex(@"^\d{5}(?:\.\d+)?$")]
    private static partial Regex ExcelSerial();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$")]
    private static partial Regex IsoDay();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})$")]
    private static partial Regex IsoMonth();

    // Day first, as dates are written in England.
    [GeneratedRegex(@"^(?<d>\d{1,2})[/.\-](?<m>\d{1,2})[/.\-](?<y>\d{4}|\d{2})$")]
    private static partial Regex NumericDay();

    [GeneratedRegex(@"^(?<m>\d{1,2})[/.](?<y>\d{4})$")]
    private static partial Regex NumericMonth();

    [GeneratedRegex(@"^(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?<month>[A-Za-z]+\.?),?\s+(?<y>\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex WordDay();

    [GeneratedRegex(@"^(?<month>[A-Za-z]+\.?),?\s+(?<y>\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex WordMonth();

    [GeneratedRegex(@"^(?<month>[A-Za-z]{3,9}\.?)[\s\-]+(?<y>\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ShortYearMonth();

    [GeneratedRegex(@"^(?:FY\s*)?(?<a>\d{4})\s*/\s*(?<b>\d{2}|\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex SplitYear();

    [GeneratedRegex(@"^(?:w/?c|w\.c\.|week commencing|week beginning|w/b)\s+(?<day>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex WeekCommencing();

    [GeneratedRegex(@"^(?<part>early|mid|late|beginning of|start of|middle of|end of)[\s\-]+(?<y>\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex PartOfYear();

    [GeneratedRegex(@"""[^""]*""|\[[^\]]*\]|\\.|_.|\*.")]
    private static partial Regex FormatNoise();

    [GeneratedRegex(@"^(?<h>\d{1,2})[:.](?<m>\d{2})$")]
    private static partial Regex TimePattern();
}
