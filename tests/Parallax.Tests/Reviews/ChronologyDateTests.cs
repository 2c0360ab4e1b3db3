namespace Parallax.Tests.Reviews;

public class ChronologyDateTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("June 2017", "2017-06-01", DatePrecision.Month, "June 2017")]
    [InlineData("Jun 2017", "2017-06-01", DatePrecision.Month, "June 2017")]
    [InlineData("2017-06", "2017-06-01", DatePrecision.Month, "June 2017")]
    [InlineData("06/2017", "2017-06-01", DatePrecision.Month, "June 2017")]
    [InlineData("14/06/2017", "2017-06-14", DatePrecision.Day, "14 June 2017")]
    [InlineData("2017-06-14", "2017-06-14", DatePrecision.Day, "14 June 2017")]
    [InlineData("14th June 2017", "2017-06-14", DatePrecision.Day, "14 June 2017")]
    [InlineData("3 Sept 2018", "2018-09-03", DatePrecision.Day, "3 September 2018")]
    [InlineData("2017", "2017-01-01", DatePrecision.Year, "2017")]
    [InlineData("42900", "2017-06-14", DatePrecision.Day, "14 June 2017")] // an Excel date cell: 14 June 2017 is day 42900 after 30 December 1899
    public void Parse_AcceptsTheWaysAgenciesWriteDates(string text, string start, DatePrecision precision, string shown)
    {
        var result = ChronologyDates.Parse(text, null, Today);

        Assert.Null(result.Error);
        Assert.Equal((DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), precision), (result.Date!.Value.Start, result.Date.Value.Precision));
        Assert.Equal(shown, result.Date.Value.ToString());
    }

    [Theory]
    [InlineData("Nov 2018 - Apr 2019", "November 2018 to April 2019", "2019-04-30")]
    [InlineData("November 2018 – April 2019", "November 2018 to April 2019", "2019-04-30")]
    [InlineData("2018-11 to 2019-04", "November 2018 to April 2019", "2019-04-30")]
    [InlineData("3/11/2018 - 10/11/2018", "3 November 2018 to 10 November 2018", "2018-11-10")]
    public void Parse_Range_KeepsBothEndsAtTheirPrecision(string text, string shown, string lastDay)
    {
        var result = ChronologyDates.Parse(text, null, Today);

        Assert.Null(result.Error);
        Assert.Equal(shown, result.Date!.Value.ToString());
        Assert.Equal(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture), result.Date.Value.LastDay);
    }

    [Theory]
    [InlineData("Spring 2018", "\"Spring 2018\" is a season, which could mean different months: give a month such as March 2018, or a range such as March 2018 - May 2018")]
    [InlineData("April 2019 - November 2018", "The range \"April 2019 - November 2018\" ends before it starts: put the earlier date first")]
    [InlineData("31/02/2018", "\"31/02/2018\" is not a real date: check the day, month and year")]
    [InlineData("sometime last year", "\"sometime last year\" is not a date: enter a day such as 14/06/2017, a month such as June 2017, Jun-17 or 2017-06, a year such as 2017, a week such as w/c 4 June 2018, or a range such as November 2018 - April 2019")]
    [InlineData("March 2027", "The date \"March 2027\" is in the future: a chronology records what has happened, so check the year")]
    [InlineData("", "Enter the date of the event")]
    public void Parse_RefusesWithASentence(string text, string message)
    {
        var result = ChronologyDates.Parse(text, null, Today);

        Assert.Null(result.Date);
        Assert.Equal(message, result.Error);
    }

    [Fact]
    public void Parse_StatedPrecision_CoarsensADayButCannotSharpenAMonth()
    {
        var coarsened = ChronologyDates.Parse("14/06/2017", "Month", Today);
        var sharpened = ChronologyDates.Parse("June 2017", "day", Today);
        var unknown = ChronologyDates.Parse("June 2017", "roughly", Today);

        Assert.Equal("June 2017", coarsened.Date!.Value.ToString());
        Assert.Equal("\"June 2017\" is a month, but the precision says day: give the full date or change the precision", sharpened.Error);
        Assert.Equal("The date precision \"roughly\" must be day, month or year", unknown.Error);
    }

    [Theory]
    [InlineData("14:30", 14, 30)]
    [InlineData("9.05", 9, 5)]
    [InlineData("0.5", 12, 0)] // an Excel time cell: half a day
    public void ParseTime_AcceptsClockTimes(string text, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), ChronologyDates.ParseTime(text).Time);

    [Fact]
    public void ParseTime_RefusesWhatIsNotATime() =>
        Assert.Equal("\"25:00\" is not a time: give hours and minutes on the 24-hour clock, such as 14:30, or leave it blank", ChronologyDates.ParseTime("25:00").Error);
}
