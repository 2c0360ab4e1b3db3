namespace Parallax.Tests.Calendar;

/// <summary>Times shown and dates defaulted are London's, on both sides of the clock change (decision 0018).</summary>
public abstract class LondonTimeTests(ParallaxAppFactory app, FakeTimeProvider clock)
{
    /// <summary>The clock only moves forward: to the first such moment after now (as few years on as can be, since test audits send on 3 June 2030).</summary>
    private DateTimeOffset MoveTo(Func<int, DateTimeOffset> moment)
    {
        var year = clock.GetUtcNow().Year;
        while (moment(year) <= clock.GetUtcNow()) year++;
        clock.SetUtcNow(moment(year));
        return moment(year);
    }

    [Theory]
    [InlineData(7, "02:04")] // 1 July, British Summer Time: an hour ahead of UTC.
    [InlineData(12, "01:04")] // 1 December, Greenwich Mean Time: UTC.
    public async Task Autosave_SaysWhenItSaved_InLondonTime(int month, string shown)
    {
        MoveTo(year => new DateTimeOffset(year, month, 1, 1, 4, 0, TimeSpan.Zero));
        Guid request;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (_, _, requests) = await TestAudits.SentAsync(scope.ServiceProvider, app.Data.Partnership.Id, "London time", TestAudits.NewUin("LT"), app.Data.Police.Id);
            request = requests[0].Id;
        }

        var police = await app.SignedInBrowserAsync(TestPartnership.PoliceAuditor);
        var response = await police.SubmitFormAsync($"/returns/{request}?handler=Autosave", new() { ["Expected"] = "", [AnswerFields.Comment("TT1")] = "Seen at home" }, formUrl: $"/returns/{request}");

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(shown, json.RootElement.GetProperty("savedAt").GetString());
    }

    /// <summary>The last Sunday of a month (the clocks change at 01:00 UTC that morning), at a time of day in UTC.</summary>
    private static DateTimeOffset LastSunday(int year, int month, int hour, int minute)
    {
        var day = new DateTime(year, month, DateTime.DaysInMonth(year, month));
        while (day.DayOfWeek != DayOfWeek.Sunday) day = day.AddDays(-1);
        return new DateTimeOffset(day.Year, day.Month, day.Day, hour, minute, 0, TimeSpan.Zero);
    }

    // 23:30 UTC on the last Sunday of March (the clocks went forward that morning) is 00:30 on Monday in London.
    private static DateTimeOffset LastSundayOfMarch(int year) => LastSunday(year, 3, 23, 30);

    [Fact]
    public async Task NewAudit_RefusesLondonsYesterday_JustAfterMidnightInSummer()
    {
        var now = MoveTo(LastSundayOfMarch);
        var sunday = DateOnly.FromDateTime(now.UtcDateTime); // Still today in UTC, already yesterday in London.
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var page = await lead.GetDocumentAsync("/audits/new");
        var tool = page.QuerySelectorAll("main select#Tool option").Select(e => e.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        var form = BrowserForm.Read(page, "/audits/new", "button[type=submit]")
            .Set("Title", "Yesterday in London").Set("Theme", "Neglect").Set("Tool", tool)
            .Set("RequestsSentOn.Day", sunday.Day.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("RequestsSentOn.Month", sunday.Month.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("RequestsSentOn.Year", sunday.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var refused = await form.PostAsync(lead);

        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The date requests are sent must be today or in the future", (await refused.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Theory]
    [InlineData(0, 30, "01:30")] // Late October, 00:30 UTC: still British Summer Time (the clocks go back at 01:00 UTC).
    [InlineData(1, 30, "01:30")] // An hour later, 01:30 UTC: Greenwich Mean Time, the same time again on the wall.
    public async Task AdministratorsUsersPage_ShowsTheLastSignIn_InLondonTime(int hour, int minute, string shown)
    {
        var now = MoveTo(year => LastSunday(year, 10, hour, minute));
        var admin = await app.SignedInBrowserAsync(TestPartnership.Admin);

        var row = (await admin.GetDocumentAsync("/admin/users")).QuerySelectorAll("main tr").Single(r => r.TextContent.Contains(TestPartnership.Admin, StringComparison.Ordinal));

        Assert.Contains($"{now:d MMM yyyy} {shown}", row.TextContent);
    }

    [Fact]
    public async Task NewAudit_DefaultsTheSendingDateToLondonsToday_JustAfterMidnightInSummer()
    {
        var now = MoveTo(LastSundayOfMarch);
        var monday = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);

        var page = await lead.GetDocumentAsync("/audits/new");

        Assert.Equal(monday.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("input[name='RequestsSentOn.Day']")!.GetAttribute("value"));
        Assert.Equal(monday.Month.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("input[name='RequestsSentOn.Month']")!.GetAttribute("value"));
    }
}

public sealed class LondonTimeTestsSqlite(FakeClockAppFactory app) : LondonTimeTests(app, app.Clock), IClassFixture<FakeClockAppFactory>;

public sealed class LondonTimeTestsPostgres(FakeClockPostgresAppFactory app) : LondonTimeTests(app, app.Clock), IClassFixture<FakeClockPostgresAppFactory>;
