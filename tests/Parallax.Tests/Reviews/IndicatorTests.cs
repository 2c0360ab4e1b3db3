namespace Parallax.Tests.Reviews;

/// <summary>
/// Each indicator on a small hand-built chronology (fictional), with the answer worked out in the test: duplicate
/// groups count once, month-only dates are reasoned about honestly, and closures are read from the words.
/// </summary>
public class IndicatorTests
{
    private static readonly Guid Police = Guid.NewGuid(), Csc = Guid.NewGuid(), School = Guid.NewGuid(), Health = Guid.NewGuid();
    private static readonly Guid Child = Guid.NewGuid(), Mother = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static int order;

    private static readonly List<ChronologyEventType> Types =
        [.. EventTypes.Defaults.Select((d, i) => new ChronologyEventType { Name = d.Name, Signal = d.Signal, Keywords = d.Keywords, Order = (i + 1) * 10 })];

    private static MergeEvent E(Guid agency, string date, string text, EventSignal[] signals, params Guid[] people)
    {
        var name = agency == Police ? "POL" : agency == Csc ? "CSC" : agency == School ? "SCH" : "HV";
        var parsed = ChronologyDates.Parse(date, null, Today).Date!.Value;
        return new MergeEvent(Guid.NewGuid(), agency, name, parsed, null, text, people, null, signals.Length == 0 ? EventSignal.None : signals[0], ++order,
            MoreSignals: signals.Skip(1).ToList());
    }

    private static EventSignal[] S(params EventSignal[] signals) => signals;

    private static RiskIndicator Indicator(IReadOnlyList<MergeEvent> events, string key, IndicatorContext? context = null) =>
        CumulativeRisk.Compute(events, context).Single(i => i.Key == key);

    [Fact]
    public void Duplicates_CountOnce_IncludingSameDayReportsInDifferentWords()
    {
        // Police and children's social care record the same incident on 14 March 2018 in different words: one group.
        var police = E(Police, "14/03/2018", "Officers attended an argument between the adults at the home", S(EventSignal.DomesticAbuseIncident, EventSignal.PoliceAttendance));
        var csc = E(Csc, "14/03/2018", "Notification received from police about a domestic incident", S(EventSignal.DomesticAbuseIncident));
        var later = E(School, "20/06/2018", "Pupil told staff about shouting and hitting at home", S(EventSignal.DomesticAbuseIncident));

        var merged = ChronologyMerge.Merge([police, csc, later]);
        Assert.Equal(merged[0].Group, merged[1].Group);
        Assert.NotNull(merged[0].Group);

        // Three rows, two incidents: the repeat indicator counts 2, and with a threshold of 3 it does not show.
        var two = Indicator([police, csc, later], "domestic-abuse");
        Assert.Equal(2, two.Count);
        Assert.True(two.Fired);
        Assert.Equal([police.Id, csc.Id, later.Id], two.EventIds.OrderBy(i => i == later.Id).ThenBy(i => i == csc.Id));
        Assert.False(Indicator([police, csc, later], "domestic-abuse", new IndicatorContext(Settings: new IndicatorSettings { RepeatCount = 3 })).Fired);
    }

    [Fact]
    public void ClosedThenConcern_ReadFromTheWordsAlone_AndHonestAboutTheSameMonth()
    {
        // The closures have no closure type: "Case closed following enquiries" is read from the words (and is not a plan closure).
        var typeOther = Types.Single(t => t.Signal == EventSignal.Other);
        var typeAnonymous = Types.Single(t => t.Signal == EventSignal.AnonymousConcern);
        ChronologyEvent Raw(string date, string text, ChronologyEventType type)
        {
            var d = ChronologyDates.Parse(date, null, Today).Date!.Value;
            return new ChronologyEvent { Text = text, StartsOn = d.Start, Precision = d.Precision, EndsOn = d.End, EndPrecision = d.EndPrecision, EventTypeId = type.Id, TypeConfirmed = true, Order = ++order };
        }

        var closedJune = ReviewChronology.ToMerge(Raw("June 2017", "Case closed following enquiries", typeOther), "CSC", Types);
        var callJuly = ReviewChronology.ToMerge(Raw("July 2017", "Caller reported the children left alone at night", typeAnonymous), "CSC", Types);
        var closedAugust = ReviewChronology.ToMerge(Raw("August 2017", "Closed after enquiries: no role for children's social care", typeOther), "CSC", Types);
        var callAugust = ReviewChronology.ToMerge(Raw("August 2017", "Second caller about the children", typeAnonymous), "CSC", Types);

        Assert.True(closedJune.Is(EventSignal.ClosedNoFurtherAction));
        Assert.False(closedJune.Is(EventSignal.PlanClosed));

        var indicator = Indicator([closedJune, callJuly, closedAugust, callAugust], "closed-then-concern");

        // June's closure is certainly followed by July's call (1 July is after 30 June, within 90 days).
        // August's closure and August's call share a month: the order is not known, and the finding says so.
        Assert.True(indicator.Fired);
        Assert.Equal(2, indicator.Count);
        Assert.Equal([closedJune.Id, callJuly.Id], indicator.Instances[0].EventIds);
        Assert.Contains("then a new concern", indicator.Instances[0].Summary);
        Assert.Contains("order not known", indicator.Instances[1].Summary);
        Assert.Contains("Caller reported the children left alone at night", indicator.Instances[0].Summary);
    }

    [Fact]
    public void ReferralsBeforeIncident_CountsThe12MonthsBefore_AndListsMonthsThatReachAcrossTheStart()
    {
        var referral = S(EventSignal.ReferralToChildrensSocialCare);
        var before = E(Csc, "1/02/2018", "Referral from school", referral); // more than 12 months before 10 March 2019
        var across = E(Csc, "March 2018", "Referral from health visitor", referral); // 1-31 March 2018: may be before or after 10 March 2018
        var one = E(Csc, "5/04/2018", "Referral from police", referral);
        var two = E(Csc, "June 2018", "Referral from a neighbour", referral);
        var three = E(Csc, "15/01/2019", "Referral from nursery", referral);

        var indicator = Indicator([before, across, one, two, three], "referrals-before-incident", new IndicatorContext(IncidentOn: new DateOnly(2019, 3, 10)));

        Assert.True(indicator.Fired);
        Assert.Equal(3, indicator.Count);
        Assert.Equal([one.Id, two.Id, three.Id], indicator.Instances[0].EventIds);
        Assert.Equal([across.Id], indicator.Instances[1].EventIds);
        Assert.Contains("possibly", indicator.Instances[1].Summary, StringComparison.OrdinalIgnoreCase);
        Assert.False(Indicator([before, across, one, two, three], "referrals-before-incident").Fired); // no incident date: cannot be worked out
    }

    [Fact]
    public void NotSeen_MeasuresTheShortestPossibleGap_AndIgnoresNotBrought()
    {
        var seenJanuary = E(Health, "3/01/2018", "Home visit, child seen and weighed", S(EventSignal.Other), Child);
        var seenJune = E(Health, "June 2018", "GP saw child for a cough", S(EventSignal.Other), Child);
        var notBrought = E(Health, "10/10/2018", "Was not brought to clinic", S(EventSignal.WasNotBrought), Child);
        var seenFebruary = E(Police, "20/02/2019", "Officers attended and spoke to the child", S(EventSignal.PoliceAttendance), Child);
        var context = new IndicatorContext(IncidentOn: new DateOnly(2019, 3, 1), ChildId: Child, Settings: new IndicatorSettings { NotSeenMonths = 6 });

        var indicator = Indicator([seenJanuary, seenJune, notBrought, seenFebruary], "not-seen", context);

        // 3 January to 1 June: 4 whole months (no). 30 June (the end of "June 2018") to 20 February 2019: 7 whole months (yes).
        // The "was not brought" in October is not a sighting. 20 February to the incident on 1 March: 0 months.
        Assert.True(indicator.Fired);
        var gap = Assert.Single(indicator.Instances);
        Assert.Equal([seenJune.Id, seenFebruary.Id], gap.EventIds);
        Assert.Contains("at least 7 months", gap.Summary);
        Assert.False(Indicator([seenJanuary, seenJune, notBrought, seenFebruary], "not-seen", context with { Settings = new IndicatorSettings { NotSeenMonths = 8 } }).Fired);
    }

    [Fact]
    public void ToxicTrio_AllThreeWithinTheWindow_FromSeveralTypesOnOneEvent()
    {
        var abuse = E(Police, "14/03/2018", "Argument between the adults", S(EventSignal.DomesticAbuseIncident), Mother);
        var drink = E(Health, "May 2018", "Mother said she was drinking most days", S(EventSignal.SubstanceMisuse), Mother);
        var mind = E(Health, "April 2019", "Mother referred to the crisis team", S(EventSignal.ParentalMentalHealth), Mother);

        // March 2018 to March 2019 holds abuse and drink only; May 2018 to May 2019 holds drink and mind only.
        var notYet = Indicator([abuse, drink, mind], "toxic-trio");
        Assert.False(notYet.Fired);
        Assert.Contains("not all three", notYet.Finding);

        // One event that is both domestic abuse and substance misuse, in December 2018, completes May 2018 to May 2019.
        var both = E(Police, "December 2018", "Police attended: father drunk, adults fighting", S(EventSignal.DomesticAbuseIncident, EventSignal.SubstanceMisuse), Mother);
        var fired = Indicator([abuse, drink, mind, both], "toxic-trio");
        Assert.True(fired.Fired);
        Assert.Equal([drink.Id, both.Id, mind.Id], fired.EventIds);
    }

    [Fact]
    public void BabyInjury_BeforeTheFirstBirthday_PossiblyForAYearOnlyDate()
    {
        var march = E(Health, "March 2019", "Bruise on the baby's cheek", S(EventSignal.Injury), Child);
        var may = E(Health, "May 2019", "Small burn on the hand", S(EventSignal.Injury), Child);
        var year = E(School, "2019", "Fell from the sofa", S(EventSignal.Injury), Child);
        var mother = E(Police, "January 2019", "Mother injured in an argument", S(EventSignal.Injury), Mother);
        var context = new IndicatorContext(ChildId: Child, ChildBornOn: new DateOnly(2018, 5, 1));

        var indicator = Indicator([march, may, year, mother], "baby-injury", context);

        // First birthday 1 May 2019: March 2019 certainly before; May 2019 not before; "2019" possibly; the mother's injury is not the baby's.
        Assert.True(indicator.Fired);
        Assert.Equal(2, indicator.Count);
        Assert.Equal([year.Id, march.Id], indicator.EventIds.OrderBy(i => i == march.Id));
        Assert.Single(indicator.Instances, i => i.Summary.StartsWith("Possibly", StringComparison.Ordinal));
        Assert.False(Indicator([march], "baby-injury", new IndicatorContext(ChildId: Child)).Fired); // no date of birth: cannot be worked out
    }

    [Fact]
    public void RepeatNotBrought_SameMissedAppointmentFromTwoAgenciesCountsOnce()
    {
        var wnb = S(EventSignal.WasNotBrought);
        var hv = E(Health, "10/09/2018", "Was not brought to the developmental review", wnb, Child);
        var gp = E(Csc, "10/09/2018", "Health visitor says the child was not brought to the review", wnb, Child);

        var once = Indicator([hv, gp], "was-not-brought");
        Assert.Equal(1, once.Count);
        Assert.False(once.Fired);
        Assert.Contains("(CSC, HV)", once.Instances[0].Summary);

        var again = E(Health, "November 2018", "Not brought to the rearranged review", wnb, Child);
        var twice = Indicator([hv, gp, again], "was-not-brought");
        Assert.Equal(2, twice.Count);
        Assert.True(twice.Fired);
    }

    [Fact]
    public void Suggestions_SeveralTypesWithTheirWords_AndNoSilentNone()
    {
        var all = EventTypes.SuggestAll("Police attended a domestic incident; father drunk", Types);
        Assert.Equal(["Domestic abuse incident", "Substance misuse", "Police attendance"], all.Select(s => s.Type.Name));
        Assert.Equal("Domestic abuse incident: \"domestic incident\"; Substance misuse: \"drunk\"; Police attendance: \"police attended\"", ChronologyImport.Because(all));

        // Worry is not an incident; "case closed" is a closure, not a plan closure; "not brought to health appointments" is a "was not brought".
        Assert.DoesNotContain(EventTypes.SuggestAll("Written agreement signed due to the risk of domestic abuse", Types), s => s.Type.Signal == EventSignal.DomesticAbuseIncident);
        Assert.Equal(EventSignal.ClosedNoFurtherAction, EventTypes.Suggest("Case closed following enquiries", Types)!.Value.Type.Signal);
        Assert.Equal(EventSignal.WasNotBrought, EventTypes.Suggest("Child had not been brought to health appointments", Types)!.Value.Type.Signal);
        Assert.Empty(EventTypes.SuggestAll("Child enjoyed the trip", Types));

        // Only the words just before a match can hedge it, however long the text before them.
        var longStart = string.Join(' ', Enumerable.Repeat("The family worker met mother and the children at the family centre.", 6));
        Assert.DoesNotContain(EventTypes.SuggestAll($"{longStart} Agreement signed due to the risk of domestic abuse", Types), s => s.Type.Signal == EventSignal.DomesticAbuseIncident);
        Assert.Contains(EventTypes.SuggestAll($"No concerns about the risk of it recurring. {longStart} A domestic abuse incident was reported", Types),
            s => s.Type.Signal == EventSignal.DomesticAbuseIncident);
    }

    [Fact]
    public void IdLists_AsEfCoreStoresThem_AndInAnyOtherJsonShape_ReadTheSame()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        Assert.Empty(ReviewChronology.IdList("[]"));
        Assert.Equal([a], ReviewChronology.IdList(System.Text.Json.JsonSerializer.Serialize(new List<Guid> { a })));
        Assert.Equal([a, b], ReviewChronology.IdList($"[\"{a}\",\"{b}\"]"));
        Assert.Equal([a, b], ReviewChronology.IdList($"[ \"{a.ToString().ToUpperInvariant()}\" , \"{b}\" ]"));
        Assert.Equal([a, b], ReviewChronology.IdList($"[\"{a}\",\n \"{b}\"]"));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ReviewChronology.IdList($"[\"{a}\""));
    }
}
