using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parallax.Core.Tools;
using Parallax.Tests.Infrastructure;

namespace Parallax.Tests.Calendar;

/// <summary>Times shown and dates defaulted are London's, on both sides of the clock change (decision 0018).</summary>
public abstract class LondonTimeTests(ParallaxAppFactory app, FakeTimeProvider clock)
{
    /// <summary>The clock only moves forward: to the first such moment in a later year than now.</summary>
    private DateTimeOffset MoveTo(Func<int, DateTimeOffset> moment)
    {
        var year = clock.GetUtcNow().Year + 1;
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

    [Fact]
    public async Task NewAudit_DefaultsTheSendingDateToLondonsToday_JustAfterMidnightInSummer()
    {
        // 23:30 UTC on the last Sunday of March (the clocks went forward that morning) is 00:30 on Monday in London.
        static DateTimeOffset LastSundayOfMarch(int year)
        {
            var day = new DateTime(year, 3, 31);
            while (day.DayOfWeek != DayOfWeek.Sunday) day = day.AddDays(-1);
            return new DateTimeOffset(day.Year, day.Month, day.Day, 23, 30, 0, TimeSpan.Zero);
        }

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
