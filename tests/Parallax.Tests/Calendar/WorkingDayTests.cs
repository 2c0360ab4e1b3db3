namespace Parallax.Tests.Calendar;

public class WorkingDayTests
{
    private static readonly BankHolidays Holidays = BankHolidays.EnglandAndWales;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Christmas2026_BoxingDayOnSaturday_MovesToMonday28()
    {
        var december = BankHolidays.For(2026).Where(d => d.Month == 12);

        Assert.Equal([D(2026, 12, 25), D(2026, 12, 28)], december);
    }

    [Fact]
    public void Christmas2027_BothDaysAtTheWeekend_AreMondayAndTuesday()
    {
        Assert.Equal([D(2027, 12, 27), D(2027, 12, 28)], BankHolidays.For(2027).Where(d => d.Month == 12));
    }

    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void EasterSunday_MatchesTheChurchCalendar(int year, int month, int day)
    {
        Assert.Equal(D(year, month, day), BankHolidays.EasterSunday(year));
    }

    [Fact]
    public void Year2026_HasTheEightPublishedBankHolidays()
    {
        Assert.Equal(
            [D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4), D(2026, 5, 25), D(2026, 8, 31), D(2026, 12, 25), D(2026, 12, 28)],
            BankHolidays.For(2026));
    }

    [Fact]
    public void ProclaimedChanges_AreBuiltIn()
    {
        var y2022 = BankHolidays.For(2022);
        Assert.Contains(D(2022, 6, 2), y2022);
        Assert.Contains(D(2022, 6, 3), y2022);
        Assert.Contains(D(2022, 9, 19), y2022);
        Assert.DoesNotContain(D(2022, 5, 30), y2022);
        Assert.Contains(D(2023, 5, 8), BankHolidays.For(2023));
        Assert.Contains(D(2020, 5, 8), BankHolidays.For(2020));
        Assert.DoesNotContain(D(2020, 5, 4), BankHolidays.For(2020));
    }

    [Theory]
    // Over the Easter weekend: Good Friday to Easter Monday are skipped.
    [InlineData("2026-04-02", 1, "2026-04-07")]
    // Across Christmas: Mon 21, Tue 22, Wed 23, Thu 24; Fri 25 and Mon 28 are holidays; Tue 29 is the fifth.
    [InlineData("2026-12-18", 5, "2026-12-29")]
    // A Rapid Review's 15 working days from mid-December: Dec 17-24 give 6; 29-31 give 3 more; New Year's Day is a holiday; Jan 4-8 give 5; Mon 11 is the 15th.
    [InlineData("2026-12-16", 15, "2027-01-11")]
    // A JTAI's five working days from the early May bank holiday.
    [InlineData("2026-05-04", 5, "2026-05-11")]
    public void Add_SkipsWeekendsAndBankHolidays(string from, int days, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WorkingDays.Add(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), days, Holidays));
    }

    [Fact]
    public void Between_CountsWorkingDaysEitherWay()
    {
        Assert.Equal(5, WorkingDays.Between(D(2026, 12, 18), D(2026, 12, 29), Holidays));
        Assert.Equal(-5, WorkingDays.Between(D(2026, 12, 29), D(2026, 12, 18), Holidays));
        Assert.Equal(0, WorkingDays.Between(D(2026, 12, 25), D(2026, 12, 28), Holidays));
    }

    [Fact]
    public void PartnershipChanges_AddAndRemoveDays()
    {
        var local = new BankHolidays(added: [D(2026, 6, 15)], removed: [D(2026, 8, 31)]);

        Assert.False(local.IsWorkingDay(D(2026, 6, 15)));
        Assert.True(local.IsWorkingDay(D(2026, 8, 31)));
        Assert.False(Holidays.IsWorkingDay(D(2026, 8, 31)));
    }
}
