namespace Parallax.Core.Calendar;

/// <summary>
/// England and Wales bank holidays, by the rules of the Banking and Financial Dealings Act 1971 and the
/// Royal Proclamations that move them: New Year's Day, Good Friday, Easter Monday, the early May, spring
/// and summer bank holidays, Christmas Day and Boxing Day, with weekday substitutes; plus the one-off
/// changes proclaimed since 2020. A partnership can add or remove days (e.g. a new one-off).
/// </summary>
public sealed class BankHolidays
{
    /// <summary>Proclaimed changes: (year, day added, the regular day it replaces or null).</summary>
    private static readonly (DateOnly Added, DateOnly? Replaces)[] Proclaimed =
    [
        (new(2020, 5, 8), new(2020, 5, 4)),   // VE Day 75: early May bank holiday moved to Friday
        (new(2022, 6, 2), new(2022, 5, 30)),  // Platinum Jubilee: spring bank holiday moved
        (new(2022, 6, 3), null),              // Platinum Jubilee
        (new(2022, 9, 19), null),             // State funeral of Queen Elizabeth II
        (new(2023, 5, 8), null),              // Coronation of King Charles III
    ];

    private readonly HashSet<DateOnly> added;
    private readonly HashSet<DateOnly> removed;

    public BankHolidays(IEnumerable<DateOnly>? added = null, IEnumerable<DateOnly>? removed = null)
    {
        this.added = [.. added ?? []];
        this.removed = [.. removed ?? []];
    }

    public static BankHolidays EnglandAndWales { get; } = new();

    public bool IsBankHoliday(DateOnly day) =>
        !removed.Contains(day) && (added.Contains(day) || For(day.Year).Contains(day));

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsBankHoliday(day);

    /// <summary>The built-in bank holidays of a year, in date order.</summary>
    public static IReadOnlyList<DateOnly> For(int year)
    {
        var easter = EasterSunday(year);
        var days = new List<DateOnly>
        {
            NextWeekday(new DateOnly(year, 1, 1)),
            easter.AddDays(-2),
            easter.AddDays(1),
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
        };

        // Christmas and Boxing Day: a weekend day moves to the next weekday not already a holiday.
        var christmas = NextWeekday(new DateOnly(year, 12, 25));
        var boxingDay = NextWeekday(new DateOnly(year, 12, 26));
        if (boxingDay <= christmas) boxingDay = NextWeekday(christmas.AddDays(1));
        days.Add(christmas);
        days.Add(boxingDay);

        foreach (var (dayAdded, replaces) in Proclaimed.Where(p => p.Added.Year == year))
        {
            if (replaces is { } old) days.Remove(old);
            days.Add(dayAdded);
        }

        days.Sort();
        return days;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7, m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly NextWeekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        while (day.DayOfWeek != DayOfWeek.Monday) day = day.AddDays(1);
        return day;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (day.DayOfWeek != DayOfWeek.Monday) day = day.AddDays(-1);
        return day;
    }
}

/// <summary>Deadlines in working days, as partnerships set them ("5 working days", "15 working days after notification").</summary>
public static class WorkingDays
{
    /// <summary>The day <paramref name="count"/> working days after <paramref name="start"/> (the start day itself is not counted).</summary>
    public static DateOnly Add(DateOnly start, int count, BankHolidays holidays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = start;
        for (var added = 0; added < count;)
        {
            day = day.AddDays(1);
            if (holidays.IsWorkingDay(day)) added++;
        }

        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public static int Between(DateOnly from, DateOnly to, BankHolidays holidays)
    {
        if (to < from) return -Between(to, from, holidays);
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (holidays.IsWorkingDay(day)) count++;
        }

        return count;
    }
}
