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

    private Task<Guid> SubmittedReviewAsync(string uin) => SubmittedReviewAsync(app, uin);

    internal static async Task<Guid> SubmittedReviewAsync(ParallaxAppFactory app, string uin)
    {
        using var scope = app.Services.CreateScope();
        var opening = scope.ServiceProvider.GetRequiredService<ReviewOpening>();
        var writing = scope.ServiceProvider.GetRequiredService<ChronologyWriting>();
        var eventTypes = scope.ServiceProvider.GetRequiredService<ChronologyEventTypes>();
        var reviews = scope.ServiceProvider.GetRequiredService<PracticeReviews>();
        var partnership = app.Data.Partnership.Id;
        var review = await opening.CreateAsync(partnership, new ReviewInput(ReviewKind.RapidReview, "Child W " + uin, "serious injury to an infant at home",
            new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 2), new DateOnly(2023, 1, 1), new DateOnly(2025, 9, 1),
            uin, "WQ", 0, Sex.Female, LevelOfNeed.ChildInNeed, [new HouseholdInput(HouseholdRole.Mother, "LM"), new HouseholdInput(HouseholdRole.Other, "GH", RoleName: "partner of mother")],
            DatePrecision.Month), "lead@testshire.example");
        review.PanelCanRead = true;
        await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().SaveChangesAsync();
        await opening.AddAgencyAsync(review, app.Data.Police.Id);
        await opening.AddAgencyAsync(review, app.Data.School.Id);
        // Asked on Wednesday 3 September 2025, while the summaries (due on the 11th) were still to come.
        await app.SendRequestsOnAsync(review.Id, new DateOnly(2025, 9, 3), 10);
        var tracked = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        tracked.ChangeTracker.Clear();
        review = await tracked.PracticeReviews.SingleAsync(r => r.Id == review.Id);
        var types = await eventTypes.EventTypesAsync(partnership);
        Guid Type(EventSignal s) => types.First(t => t.Signal == s).Id;
        var household = await reviews.HouseholdAsync(review);
        var child = household.ChildId;
        ChronologyEventInput Input(string date, string text, params EventSignal[] signals) => new(
            ChronologyDates.Parse(date, null, new DateOnly(2026, 1, 1)).Date!.Value, null, text, [child], null, null, Type(signals[0]), true, [.. signals.Skip(1).Select(Type)]);

        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var police = await writing.AgencyRequestAsync(partnership, app.Data.Police.Id, await db.ChronologyRequests.Where(r => r.ReviewId == review.Id && r.AgencyId == app.Data.Police.Id).Select(r => r.Id).SingleAsync());
        await writing.AddEventAsync(police, Input("14/03/2024", "Officers attended an argument between the adults", EventSignal.PoliceAttendance, EventSignal.DomesticAbuseIncident));
        await writing.AddEventAsync(police, Input("June 2024", "Case closed following enquiries", EventSignal.Other));
        await writing.AddEventAsync(police, Input("July 2024", "Second domestic incident reported by a neighbour", EventSignal.DomesticAbuseIncident));
        await writing.SubmitAsync(police, "police@testshire.example");
        var school = await writing.AgencyRequestAsync(partnership, app.Data.School.Id, await db.ChronologyRequests.Where(r => r.ReviewId == review.Id && r.AgencyId == app.Data.School.Id).Select(r => r.Id).SingleAsync());
        await writing.AddEventAsync(school, Input("14/03/2024", "Pupil said there was shouting at home last night", EventSignal.DomesticAbuseIncident));
        await writing.SubmitAsync(school, "school@testshire.example");
        return review.Id;
    }

    /// <summary>
    /// The Rapid Review process as the demo runs it: stage dates moved and recorded, the police's summary submitted and the
    /// school's in progress, the three partners' sign-off, the decision that a practice review follows and its milestones.
    /// </summary>
    internal static async Task RunRapidProcessAsync(ParallaxAppFactory app, Guid reviewId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var writing = scope.ServiceProvider.GetRequiredService<ChronologyWriting>();
        var rapid = scope.ServiceProvider.GetRequiredService<RapidReviews>();
        var review = await db.PracticeReviews.SingleAsync(r => r.Id == reviewId);
        // Learned of on Tuesday 2 September 2025; summaries due on the default day (Thursday 11th), the meeting on Monday 15th.
        await rapid.SetDatesAsync(review, new RapidReviewDates(new DateOnly(2025, 9, 5), null, new DateOnly(2025, 9, 15), true, null, new DateOnly(2025, 9, 22)), review.Version);
        async Task<ChronologyRequest> Request(Guid agency) => await writing.AgencyRequestAsync(app.Data.Partnership.Id, agency,
            await db.ChronologyRequests.Where(r => r.ReviewId == reviewId && r.AgencyId == agency).Select(r => r.Id).SingleAsync());
        var police = await Request(app.Data.Police.Id);
        await rapid.SaveSummaryAsync(police, new AgencySummaryInput("Officers attended twice in 2024.", "The calls were not linked.", "Link repeat calls.", "- Briefing\n- Address flag"), null, Caller.AgencyAuditor(app.Data.Partnership.Id, app.Data.Police.Id, "police@testshire.example"));
        await rapid.SubmitSummaryAsync(police, Caller.AgencyAuditor(app.Data.Partnership.Id, app.Data.Police.Id, "police@testshire.example"));
        await rapid.SaveSummaryAsync(await Request(app.Data.School.Id), new AgencySummaryInput("Pupil known since Reception.", null, null, null), null, Caller.AgencyAuditor(app.Data.Partnership.Id, app.Data.School.Id, "school@testshire.example"));
        await rapid.SignOffAsync(review, SafeguardingPartner.Police, "D. Officer", "Detective Superintendent", new DateOnly(2025, 9, 18), "lead@testshire.example", despiteMissing: true);
        await rapid.SignOffAsync(review, SafeguardingPartner.LocalAuthority, "A. Director", "Director of Children's Services", new DateOnly(2025, 9, 17), "lead@testshire.example", despiteMissing: true);
        await rapid.SignOffAsync(review, SafeguardingPartner.IntegratedCareBoard, "B. Nurse", "Chief Nurse", new DateOnly(2025, 9, 18), "lead@testshire.example", despiteMissing: true);
        await rapid.DecideAsync(review, RapidReviewDecision.PracticeReview, "National learning about repeat domestic incidents.", "lead@testshire.example", review.Version, despiteMissing: true);
        await rapid.SetMilestonesAsync(review, [new(MilestoneKind.TermsOfReference, new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 3)), new(MilestoneKind.Publication, new DateOnly(2026, 6, 1), null)]);
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
    public async Task Import_RapidReviewProcessWithBadValues_IsRefusedWhole_NamingEachPath()
    {
        var review = await SubmittedReviewAsync("RB" + Guid.NewGuid().ToString("N")[..8]);
        await RunRapidProcessAsync(app, review);
        var partnership = new[] { "--partnership", app.Data.Partnership.Name };
        var folder = Directory.CreateTempSubdirectory("parallax-review-");
        try
        {
            var file = Path.Combine(folder.FullName, "review.json");
            Assert.Equal(0, (await Run(["review", "export", review.ToString(), "--out", file, .. partnership])).ExitCode);
            var package = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
            package["subject"]!["uin"] = ("RJ" + Guid.NewGuid().ToString("N")[..8]).ToUpperInvariant();
            var rapid = package["rapidReview"]!;
            rapid["signOffs"]![1]!["partner"] = "Police";                     // the police twice, the integrated care board never
            rapid["summariesDueOn"] = "2025-09-10";
            rapid["meetingOn"] = "2025-09-09";                                // before the summaries are due
            rapid["milestones"]![0]!["achievedOn"] = "2099-01-01";
            package["chronologies"]![1]!["summary"]!["analysis"] = "";       // TPOL: the police's summary is submitted
            await File.WriteAllTextAsync(file, package.ToJsonString());
            var before = await CountAsync();

            var refused = await Run(["review", "import", file, .. partnership]);

            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("$.rapidReview.signOffs[2].partner: Police has signed off more than once", refused.Error);
            Assert.Contains("$.rapidReview.decision: is recorded only once all three partners have signed off; missing: IntegratedCareBoard", refused.Error);
            Assert.Contains("$.rapidReview.meetingOn: is before summariesDueOn", refused.Error);
            Assert.Contains("$.rapidReview.milestones[0].achievedOn", refused.Error);
            Assert.Contains("$.chronologies[1].summary.analysis: a submitted summary has all four parts", refused.Error);
            Assert.Equal(before, await CountAsync());
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

/// <summary>
/// A Rapid Review with its whole process, exported with `review export`, imported with `review import` into an empty
/// installation and exported again there: the same file but for the moment it was written.
/// </summary>
public abstract class ReviewPackageRoundTripTests(ParallaxAppFactory source, ParallaxAppFactory empty)
{
    private static Task<CommandResult> Run(ParallaxAppFactory app, params string[] args) =>
        CommandResult.RunAsync(["--provider", app.Database.ProviderName, "--db", app.Database.ConnectionString, .. args]);

    [Fact]
    public async Task RapidReview_ExportImportIntoAnEmptyInstallation_ExportsTheSame()
    {
        var review = await ReviewCommandTests.SubmittedReviewAsync(source, "RT" + Guid.NewGuid().ToString("N")[..8]);
        await ReviewCommandTests.RunRapidProcessAsync(source, review);
        await using (var scope = empty.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ParallaxDbContext>().PracticeReviews.CountAsync());
            await TestPartnership.CreateAsync(scope.ServiceProvider);
        }

        var partnership = new[] { "--partnership", source.Data.Partnership.Name };
        var folder = Directory.CreateTempSubdirectory("parallax-review-");
        try
        {
            var file = Path.Combine(folder.FullName, "review.json");
            var export = await Run(source, ["review", "export", review.ToString(), "--out", file, .. partnership]);
            Assert.True(export.ExitCode == 0, export.Error);
            var package = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
            Assert.Equal(3, (int)package["schemaVersion"]!);
            var rapid = package["rapidReview"]!;
            Assert.Equal(("2025-09-05", (string?)null, "2025-09-15", true, "2025-09-22"),
                ((string?)rapid["panelNotifiedOn"], (string?)rapid["summariesDueOn"], (string?)rapid["meetingOn"], (bool)rapid["meetingHeld"]!, (string?)rapid["submittedToPanelOn"]));
            Assert.Null(rapid["signOffDueOn"]);   // left at its default: it follows the calendar where it is imported
            Assert.Equal(["LocalAuthority:A. Director", "IntegratedCareBoard:B. Nurse", "Police:D. Officer"],
                rapid["signOffs"]!.AsArray().Select(s => $"{s!["partner"]}:{s["signedBy"]}"));
            Assert.Equal("PracticeReview", (string?)rapid["decision"]);
            Assert.Equal("National learning about repeat domestic incidents.", (string?)rapid["decisionReasons"]);
            var milestones = rapid["milestones"]!.AsArray();
            Assert.Equal(5, milestones.Count);
            Assert.Equal(("TermsOfReference", "2025-10-01", "2025-10-03"), ((string?)milestones[0]!["kind"], (string?)milestones[0]!["targetOn"], (string?)milestones[0]!["achievedOn"]));
            var police = package["chronologies"]!.AsArray().Single(c => (string?)c!["agency"] == "TPOL")!["summary"]!;
            Assert.Equal(("Submitted", "The calls were not linked.", "police@testshire.example"), ((string?)police["status"], (string?)police["analysis"], (string?)police["submittedBy"]));
            var school = package["chronologies"]!.AsArray().Single(c => (string?)c!["agency"] == "TEDU")!["summary"]!;
            Assert.Equal(("InProgress", "Pupil known since Reception."), ((string?)school["status"], (string?)school["involvement"]));

            var imported = await Run(empty, ["review", "import", file, .. partnership]);
            Assert.True(imported.ExitCode == 0, imported.Error);
            var copy = Guid.Parse(imported.Lines.Single().Split('\t')[0]);
            Assert.NotEqual(review, copy);
            var second = Path.Combine(folder.FullName, "second.json");
            var again = await Run(empty, ["review", "export", copy.ToString(), "--out", second, .. partnership]);
            Assert.True(again.ExitCode == 0, again.Error);

            // Byte for byte but for exportedAt, the moment of each export.
            var first = await File.ReadAllTextAsync(file);
            var other = await File.ReadAllTextAsync(second);
            static string WithoutExportedAt(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"exportedAt\": \"[^\"]*\"", "\"exportedAt\": \"\"");
            Assert.Equal(WithoutExportedAt(first), WithoutExportedAt(other));
            Assert.NotEqual(first, other);

            // The imported review runs on from where it was: decided, its sign-offs standing.
            await using var check = empty.Services.CreateAsyncScope();
            var db = check.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            Assert.Equal(RapidReviewDecision.PracticeReview, (await db.PracticeReviews.SingleAsync(r => r.Id == copy)).Decision);
            Assert.Equal(3, await db.PartnerSignOffs.CountAsync(s => s.ReviewId == copy));
            Assert.Equal(2, await db.AgencySummaries.CountAsync(s => s.ReviewId == copy));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

/// <summary>The documented schema (docs/schema/review-package.schema.json) must name every field the package has.</summary>
public class ReviewPackageSchemaTests
{
    [Theory]
    [InlineData(typeof(ReviewPackage), null)]
    [InlineData(typeof(PackagedReview), "review")]
    [InlineData(typeof(PackagedSubject), "subject")]
    [InlineData(typeof(PackagedChronology), "chronology")]
    [InlineData(typeof(PackagedEvent), "event")]
    [InlineData(typeof(PackagedSummary), "summary")]
    [InlineData(typeof(PackagedRapidReview), "rapidReview")]
    [InlineData(typeof(PackagedSignOff), "signOff")]
    [InlineData(typeof(PackagedMilestone), "milestone")]
    public void Schema_NamesEveryField(Type type, string? definition) => DocumentedSchema.AssertNamesEveryField("review-package.schema.json", type, definition);
}

public sealed class SqliteReviewPackageRoundTripTests(SqliteAppFactory source, EmptySqliteAppFactory empty)
    : ReviewPackageRoundTripTests(source, empty), IClassFixture<SqliteAppFactory>, IClassFixture<EmptySqliteAppFactory>;

public sealed class PostgresReviewPackageRoundTripTests(PostgresAppFactory source, EmptyPostgresAppFactory empty)
    : ReviewPackageRoundTripTests(source, empty), IClassFixture<PostgresAppFactory>, IClassFixture<EmptyPostgresAppFactory>;

public sealed class SqliteReviewCommandTests(SqliteAppFactory app) : ReviewCommandTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReviewCommandTests(PostgresAppFactory app) : ReviewCommandTests(app), IClassFixture<PostgresAppFactory>;
