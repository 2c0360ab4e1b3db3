using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parallax.Core.Cases;
using Parallax.Core.Data;
using Parallax.Core.Reviews;
using Parallax.Tests.CommandLine;
using Parallax.Tests.Infrastructure;

namespace Parallax.Tests.Reviews;

/// <summary>
/// `review list`, `review indicators`, `review export` and `review import` on a review whose agencies submitted
/// through the same code the pages use: a duplicate group appears once with both agencies, a closure written only
/// in words is found, a package round-trips, and a bad package is refused whole with the JSON path.
/// </summary>
public abstract class ReviewCommandTests(ParallaxAppFactory app)
{
    private Task<CommandResult> Run(params string[] args) =>
        CommandResult.RunAsync(["--provider", app.Database.ProviderName, "--db", app.Database.ConnectionString, .. args]);

    private async Task<Guid> SubmittedReviewAsync(string uin)
    {
        using var scope = app.Services.CreateScope();
        var reviews = scope.ServiceProvider.GetRequiredService<PracticeReviews>();
        var partnership = app.Data.Partnership.Id;
        var review = await reviews.CreateAsync(partnership, new ReviewInput(ReviewKind.RapidReview, "Child W " + uin, "serious injury to an infant at home",
            new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 2), new DateOnly(2023, 1, 1), new DateOnly(2025, 9, 1),
            uin, "WQ", 0, Sex.Female, LevelOfNeed.ChildInNeed, [new HouseholdInput(HouseholdRole.Mother, "LM"), new HouseholdInput(HouseholdRole.Other, "GH", RoleName: "partner of mother")],
            DatePrecision.Month), "lead@testshire.example");
        review.PanelCanRead = true;
        await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().SaveChangesAsync();
        await reviews.AddAgencyAsync(review, app.Data.Police.Id);
        await reviews.AddAgencyAsync(review, app.Data.School.Id);
        await reviews.SendRequestsAsync(review, 10);
        var types = await reviews.EventTypesAsync(partnership);
        Guid Type(EventSignal s) => types.First(t => t.Signal == s).Id;
        var household = await reviews.HouseholdAsync(review);
        var child = household.ChildId;
        ChronologyEventInput Input(string date, string text, params EventSignal[] signals) => new(
            ChronologyDates.Parse(date, null, new DateOnly(2026, 1, 1)).Date!.Value, null, text, [child], null, null, Type(signals[0]), true, [.. signals.Skip(1).Select(Type)]);

        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var police = await reviews.AgencyRequestAsync(partnership, app.Data.Police.Id, await db.ChronologyRequests.Where(r => r.ReviewId == review.Id && r.AgencyId == app.Data.Police.Id).Select(r => r.Id).SingleAsync());
        await reviews.AddEventAsync(police, Input("14/03/2024", "Officers attended an argument between the adults", EventSignal.PoliceAttendance, EventSignal.DomesticAbuseIncident));
        await reviews.AddEventAsync(police, Input("June 2024", "Case closed following enquiries", EventSignal.Other));
        await reviews.AddEventAsync(police, Input("July 2024", "Second domestic incident reported by a neighbour", EventSignal.DomesticAbuseIncident));
        await reviews.SubmitAsync(police, "police@testshire.example");
        var school = await reviews.AgencyRequestAsync(partnership, app.Data.School.Id, await db.ChronologyRequests.Where(r => r.ReviewId == review.Id && r.AgencyId == app.Data.School.Id).Select(r => r.Id).SingleAsync());
        await reviews.AddEventAsync(school, Input("14/03/2024", "Pupil said there was shouting at home last night", EventSignal.DomesticAbuseIncident));
        await reviews.SubmitAsync(school, "school@testshire.example");
        return review.Id;
    }

    [Fact]
    public async Task ListIndicatorsExportImport_FromTheCommandLine()
    {
        var uin = "RC" + Guid.NewGuid().ToString("N")[..8];
        var review = await SubmittedReviewAsync(uin);
        var partnership = new[] { "--partnership", app.Data.Partnership.Name };

        var list = await Run(["review", "list", .. partnership]);
        Assert.True(list.ExitCode == 0, list.Error);
        Assert.Contains($"{review}\tRapid Review\tChild W {uin}\tChronologies requested", list.Lines);

        var indicators = await Run(["review", "indicators", review.ToString(), .. partnership]);
        Assert.True(indicators.ExitCode == 0, indicators.Error);
        var json = JsonNode.Parse(indicators.Output)!["indicators"]!.AsArray();
        var abuse = json.Single(i => (string?)i!["key"] == "domestic-abuse")!;
        // 14 March: police and school recorded the same incident in different words (one group, both agencies); July: another.
        Assert.Equal(2, (int)abuse["count"]!);
        Assert.True((bool)abuse["shows"]!);
        var events = abuse["events"]!.AsArray();
        Assert.Equal(2, events.Count);
        Assert.Equal(["TEDU", "TPOL"], events[0]!["agencies"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("14 March 2024", (string?)events[0]!["date"]);
        Assert.Equal(2, events[0]!["records"]!.AsArray().Count);
        Assert.False(string.IsNullOrEmpty((string?)abuse["rule"]));
        // "Case closed following enquiries" has the type Other: the closure is read from its words, then July's incident follows.
        var closed = json.Single(i => (string?)i!["key"] == "closed-then-concern")!;
        Assert.True((bool)closed["shows"]!);
        Assert.Equal("Case closed following enquiries", (string?)closed["events"]![0]!["text"]);

        var folder = Directory.CreateTempSubdirectory("parallax-review-");
        try
        {
            var file = Path.Combine(folder.FullName, "review.json");
            var export = await Run(["review", "export", review.ToString(), "--out", file, .. partnership]);
            Assert.True(export.ExitCode == 0, export.Error);

            // As another installation would receive it: a new UIN there.
            var package = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
            // An incident known by its month, a role in words and the panel's access travel with the review (decision 0071).
            Assert.Equal("2025-09-01", (string?)package["review"]!["incidentOn"]);
            Assert.Equal("Month", (string?)package["review"]!["incidentPrecision"]);
            Assert.True((bool)package["review"]!["panelCanRead"]!);
            Assert.Equal("partner of mother", (string?)package["subject"]!["household"]![1]!["roleName"]);
            Assert.Equal("Other", (string?)package["subject"]!["household"]![1]!["role"]);
            var newUin = ("RI" + Guid.NewGuid().ToString("N")[..8]).ToUpperInvariant();
            package["subject"]!["uin"] = newUin;

            // A bad value anywhere refuses the whole package, naming the JSON path; nothing is stored.
            var bad = JsonNode.Parse(package.ToJsonString())!;
            bad["chronologies"]![0]!["events"]![0]!["people"]![0] = "h9";
            bad["chronologies"]![1]!["events"]![0]!["startsOn"] = "2099-01-01";
            bad["subject"]!["household"]![1]!["roleName"] = null;
            var badFile = Path.Combine(folder.FullName, "bad.json");
            await File.WriteAllTextAsync(badFile, bad.ToJsonString());
            var before = await CountAsync();
            var refused = await Run(["review", "import", badFile, .. partnership]);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("$.chronologies[0].events[0].people[0]", refused.Error);
            Assert.Contains("$.chronologies[1].events[0].startsOn", refused.Error);
            Assert.Contains("$.subject.household[1].roleName: Enter the role of this person in words", refused.Error);
            Assert.Equal(before, await CountAsync());

            var badEnum = package.ToJsonString().Replace("\"precision\":\"Month\"", "\"precision\":\"Fortnight\"", StringComparison.Ordinal);
            await File.WriteAllTextAsync(badFile, badEnum);
            var refusedEnum = await Run(["review", "import", badFile, .. partnership]);
            Assert.Equal(1, refusedEnum.ExitCode);
            Assert.Contains("$.chronologies[", refusedEnum.Error);
            Assert.Equal(before, await CountAsync());

            await File.WriteAllTextAsync(file, package.ToJsonString());
            var imported = await Run(["review", "import", file, .. partnership]);
            Assert.True(imported.ExitCode == 0, imported.Error);
            var copy = Guid.Parse(imported.Lines.Single().Split('\t')[0]);

            // The copy gives the same indicators, and exports to the same package (apart from its time and UIN).
            var again = await Run(["review", "indicators", copy.ToString(), .. partnership]);
            Assert.Equal(indicators.Output, again.Output);
            var second = Path.Combine(folder.FullName, "second.json");
            Assert.Equal(0, (await Run(["review", "export", copy.ToString(), "--out", second, .. partnership])).ExitCode);
            var a = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            var b = JsonNode.Parse(await File.ReadAllTextAsync(second))!.AsObject();
            a.Remove("exportedAt");
            b.Remove("exportedAt");
            Assert.Equal(a.ToJsonString(), b.ToJsonString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Report_WritesTheReviewsWordReport_AndRefusesAnUnknownReview()
    {
        var uin = "RR" + Guid.NewGuid().ToString("N")[..8];
        var review = await SubmittedReviewAsync(uin);
        var partnership = new[] { "--partnership", app.Data.Partnership.Name };
        var folder = Directory.CreateTempSubdirectory("parallax-review-report-");
        try
        {
            var file = Path.Combine(folder.FullName, "review.docx");
            var written = await Run(["review", "report", review.ToString(), "--format", "docx", "--out", file, .. partnership]);
            Assert.True(written.ExitCode == 0, written.Error);
            using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(file, false))
            {
                var text = document.MainDocumentPart!.Document!.Body!.InnerText;
                Assert.Contains("Child W " + uin, text, StringComparison.Ordinal);
                Assert.Contains("Officers attended an argument between the adults", text, StringComparison.Ordinal);
            }

            var unknown = Guid.NewGuid();
            var refused = await Run(["review", "report", unknown.ToString(), "--format", "docx", "--out", file, .. partnership]);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains(unknown.ToString(), refused.Error, StringComparison.Ordinal);
            Assert.Equal(2, (await Run(["review", "report", review.ToString(), "--format", "odt", "--out", file, .. partnership])).ExitCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task<int> CountAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        return await db.PracticeReviews.CountAsync() + await db.ChronologyEvents.CountAsync() + await db.Cases.CountAsync();
    }
}

public sealed class SqliteReviewCommandTests(SqliteAppFactory app) : ReviewCommandTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReviewCommandTests(PostgresAppFactory app) : ReviewCommandTests(app), IClassFixture<PostgresAppFactory>;
