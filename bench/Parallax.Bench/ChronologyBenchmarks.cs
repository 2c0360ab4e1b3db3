namespace Parallax.Bench;

/// <summary>
/// A review with 20 agencies' chronologies of 500 events each (10,000 events over two years, day and month
/// dates, seeded fictional text): merging them and computing the cumulative-risk indicators, in memory and
/// from the database as the page does, with every indicator of decision 0064 (episodes, the incident, the child).
/// Target: under 150 ms median, load included.
/// </summary>
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 15)]
[MinColumn, MaxColumn, MedianColumn]
public class ChronologyBenchmarks : DatabaseBenchmark
{
    private const int Agencies = 20, EventsPerAgency = 500;

    private static readonly string[] Phrases =
    [
        "Officers attended a domestic incident at the home; mother and partner arguing, child present",
        "Referral from school about the child arriving hungry and tired",
        "Contact closed with no further action after checks",
        "Child was not brought to the health appointment",
        "Attendance letter sent to mother about poor attendance",
        "Anonymous call reporting shouting at the home",
        "CiN closed: mother engaging with support",
        "Health visitor home visit; home conditions adequate",
        "Strategy discussion held; section 47 enquiry not needed",
        "GP appointment for mother's low mood; referred to talking therapies",
        "Child seen at nursery; happy and settled",
        "Housing officer visited about rent arrears",
        "Police attended: father drunk, adults fighting",
        "Mother referred to the crisis team for her mental health",
        "Case closed following enquiries",
        "Bruise on the baby's arm seen at clinic",
    ];

    private Guid review;
    private List<MergeEvent> events = [];
    private IndicatorContext context = null!;

    [GlobalSetup]
    public void Setup()
    {
        OpenDatabase();
        using (var migrate = Services.CreateScope()) DatabaseSetup.MigrateAsync(migrate.ServiceProvider).GetAwaiter().GetResult();
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var partnership = new Partnership { Name = "Benchmark partnership (fictional)", CreatedAt = DateTimeOffset.UtcNow };
        db.Partnerships.Add(partnership);
        var subject = new Case { PartnershipId = partnership.Id, Uin = "BENCH-1", Initials = "ZZ", Ethnicity = Ethnicities.NotRecorded, CreatedAt = DateTimeOffset.UtcNow };
        db.Cases.Add(subject);
        var reviewRow = new PracticeReview
        {
            PartnershipId = partnership.Id, Kind = ReviewKind.PracticeReview, Title = "Benchmark review", SubjectCaseId = subject.Id, TriggerIncident = "benchmark",
            IncidentOn = new DateOnly(2026, 1, 1), NotifiedOn = new DateOnly(2026, 1, 2), PeriodFrom = new DateOnly(2024, 1, 1), PeriodTo = new DateOnly(2025, 12, 31),
            CreatedBy = "bench", CreatedAt = DateTimeOffset.UtcNow,
        };
        db.PracticeReviews.Add(reviewRow);
        db.SaveChanges();
        review = reviewRow.Id;
        var types = scope.ServiceProvider.GetRequiredService<ChronologyEventTypes>().EventTypesAsync(partnership.Id).GetAwaiter().GetResult();

        var random = new Random(8);
        for (var a = 0; a < Agencies; a++)
        {
            var agency = new Agency { PartnershipId = partnership.Id, Code = $"A{a:00}", Name = $"Agency {a:00}", Type = AgencyType.Other };
            db.Agencies.Add(agency);
            var request = new ChronologyRequest { ReviewId = review, AgencyId = agency.Id, Status = ChronologyStatus.Submitted, DueOn = new DateOnly(2026, 2, 1) };
            db.ChronologyRequests.Add(request);
            for (var e = 0; e < EventsPerAgency; e++)
            {
                var day = new DateOnly(2024, 1, 1).AddDays(random.Next(730));
                var month = random.Next(10) < 3;
                var text = Phrases[random.Next(Phrases.Length)];
                db.ChronologyEvents.Add(new ChronologyEvent
                {
                    RequestId = request.Id, ReviewId = review, AgencyId = agency.Id, Order = e + 1, Text = text, CreatedAt = DateTimeOffset.UtcNow, TypeConfirmed = true,
                    StartsOn = month ? new DateOnly(day.Year, day.Month, 1) : day, Precision = month ? DatePrecision.Month : DatePrecision.Day,
                    EventTypeId = EventTypes.Suggest(text, types)?.Type.Id ?? types.Single(t => t.Signal == EventSignal.Other).Id,
                    MoreTypeIds = [.. EventTypes.SuggestAll(text, types).Skip(1).Select(s => s.Type.Id)], PeopleIds = [subject.Id],
                });
            }

            db.SaveChanges();
            db.ChangeTracker.Clear();
        }

        events = scope.ServiceProvider.GetRequiredService<ReviewChronology>().SubmittedEventsAsync(review).GetAwaiter().GetResult();
        context = ReviewChronology.Context(reviewRow) with { ChildBornOn = new DateOnly(2024, 3, 1) };
        if (events.Count != Agencies * EventsPerAgency) throw new InvalidOperationException($"Expected {Agencies * EventsPerAgency} events, loaded {events.Count}.");
    }

    /// <summary>As the chronology page and the review report do: merged once, the indicators read from the merged rows.</summary>
    private int MergeAndCompute(List<MergeEvent> loaded)
    {
        var merged = ChronologyMerge.Merge(loaded);
        return merged.Count + CumulativeRisk.Compute(merged, context).Count(i => i.Fired);
    }

    [Benchmark(Description = "Merge + indicators, in memory (20 x 500)")]
    public int InMemory() => MergeAndCompute(events);

    /// <summary>As a page after the first: the chronologies unchanged, so their events come from memory (decision 0080).</summary>
    [Benchmark(Description = "Load, merge + indicators (20 x 500)")]
    public async Task<int> FromDatabase()
    {
        await using var scope = Services.CreateAsyncScope();
        var loaded = await scope.ServiceProvider.GetRequiredService<ReviewChronology>().SubmittedEventsAsync(review);
        return MergeAndCompute(loaded);
    }

    /// <summary>As the first page after a chronology changed: every event read and prepared from the database.</summary>
    [Benchmark(Description = "Load, merge + indicators, nothing kept in memory (20 x 500)")]
    public async Task<int> FromDatabaseCold()
    {
        Services.GetRequiredService<MergedChronologies>().Clear();
        return await FromDatabase();
    }
}
