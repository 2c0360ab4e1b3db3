namespace Parallax.Tests.Reviews;

/// <summary>Merging agencies' chronologies and the cumulative-risk indicators, on hand-built events whose answers are worked out here.</summary>
public class ChronologyMergeTests
{
    private static readonly Guid Police = Guid.NewGuid(), Csc = Guid.NewGuid(), School = Guid.NewGuid(), Health = Guid.NewGuid();

    private static int order;

    private static MergeEvent E(Guid agency, string date, string text, EventSignal signal = EventSignal.None, string? time = null)
    {
        var parsed = ChronologyDates.Parse(date, null, new DateOnly(2026, 11, 22)).Date!.Value;
        var name = agency == Police ? "POL" : agency == Csc ? "CSC" : agency == School ? "EDU" : "HV";
        return new MergeEvent(Guid.NewGuid(), agency, name, parsed, time is null ? null : TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), text, [], null, signal, ++order);
    }

    [Fact]
    public void Merge_OrdersAcrossPrecisions_AMonthHeadsItsDaysAndAYearHeadsItsMonths()
    {
        var day1 = E(Csc, "1/06/2017", "Strategy discussion held");
        var day14 = E(Police, "14/06/2017", "Police attended the home");
        var month = E(School, "June 2017", "Teacher noticed the child was tired");
        var year = E(Health, "2017", "Registered with the health visitor");
        var may = E(Police, "31/05/2017", "Neighbour called the police");
        var july = E(Csc, "July 2017", "Unannounced visit");

        var merged = ChronologyMerge.Merge([july, day14, year, month, may, day1]);

        Assert.Equal([year.Id, may.Id, month.Id, day1.Id, day14.Id, july.Id], merged.Select(m => m.Event.Id));
    }

    [Fact]
    public void Merge_SameDay_TimedEventsFollowUntimedOnesInTimeOrder()
    {
        var evening = E(Police, "3/03/2018", "Second call", time: "21:10");
        var morning = E(Police, "3/03/2018", "First call", time: "08:05");
        var untimed = E(School, "3/03/2018", "Child absent from school");

        var merged = ChronologyMerge.Merge([evening, morning, untimed]);

        Assert.Equal([untimed.Id, morning.Id, evening.Id], merged.Select(m => m.Event.Id));
    }

    [Fact]
    public void Merge_GroupsTheSameEventFromTwoAgencies_AndKeepsBoth()
    {
        var police = E(Police, "10/03/2018", "Police attended a domestic incident at the home; mother and partner were arguing, child present");
        var csc = E(Csc, "12/03/2018", "Notification from police of a domestic incident at the home, mother and partner arguing with the child present");
        var between = E(School, "11/03/2018", "Child arrived late to school and was tired");
        var tooLate = E(Csc, "13/03/2018", "Police attended a domestic incident at the home; mother and partner were arguing, child present");
        var sameAgency = E(Police, "10/03/2018", "Police attended a domestic incident at the home; mother and partner were arguing");

        var merged = ChronologyMerge.Merge([police, csc, between, tooLate, sameAgency]);

        // Nothing is dropped.
        Assert.Equal(5, merged.Count);
        var grouped = merged.Where(m => m.Group is not null).ToList();
        // The police records and CSC's 2 days later are one group. CSC's 13 March record is 3 days after the police's,
        // and the record a day before it is CSC's own, so it stays out: only different agencies make a duplicate.
        Assert.Equal(new[] { police.Id, sameAgency.Id, csc.Id }.Order(), grouped.Select(m => m.Event.Id).Order());
        Assert.Null(merged.Single(m => m.Event.Id == tooLate.Id).Group);
        Assert.All(grouped, m => Assert.Equal(1, m.Group));
        Assert.Equal(["CSC"], merged.Single(m => m.Event.Id == police.Id).AlsoRecordedBy);
        Assert.Equal(["POL"], merged.Single(m => m.Event.Id == csc.Id).AlsoRecordedBy);
        Assert.Null(merged.Single(m => m.Event.Id == between.Id).Group);
        // The group sits together, where its first member sits; the school's 11 March event follows it.
        Assert.Equal([police.Id, sameAgency.Id, csc.Id, between.Id, tooLate.Id], merged.Select(m => m.Event.Id));
    }

    [Fact]
    public void Merge_DifferentWordsOrDifferentPrecision_AreNotGrouped()
    {
        var a = E(Police, "10/03/2018", "Police attended a domestic incident at the home");
        var b = E(Csc, "10/03/2018", "Health visitor completed the two-year developmental review");
        var c = E(School, "March 2018", "Police attended a domestic incident at the home");

        Assert.All(ChronologyMerge.Merge([a, b, c]), m => Assert.Null(m.Group));
    }

    [Fact]
    public void Merge_Filters_ByAgencyPersonTypeAndPeriod()
    {
        var person = Guid.NewGuid();
        var type = Guid.NewGuid();
        var first = E(Police, "10/03/2018", "One") with { PeopleIds = [person], EventTypeId = type };
        var second = E(Csc, "10/05/2018", "Two") with { PeopleIds = [person] };
        var range = E(School, "Jan 2018 - Apr 2018", "Three");
        var events = new[] { first, second, range };

        Assert.Equal([first.Id], ChronologyMerge.Merge(events, new ChronologyFilter(AgencyId: Police)).Select(m => m.Event.Id));
        Assert.Equal([first.Id, second.Id], ChronologyMerge.Merge(events, new ChronologyFilter(PersonId: person)).Select(m => m.Event.Id));
        Assert.Equal([first.Id], ChronologyMerge.Merge(events, new ChronologyFilter(EventTypeId: type)).Select(m => m.Event.Id));
        // A range overlapping the period is in it: April 2018 is inside the January to April range.
        Assert.Equal([range.Id], ChronologyMerge.Merge(events, new ChronologyFilter(From: new DateOnly(2018, 4, 1), To: new DateOnly(2018, 4, 30))).Select(m => m.Event.Id));
    }

    [Fact]
    public void Referrals_CountsTheBusiest12Months()
    {
        // Referrals in Jan 2017, Jun 2017, Nov 2017, Dec 2017 and Feb 2019: Jan-Dec 2017 holds 4; Jun 2017-May 2018 holds 3.
        var referrals = new[] { "January 2017", "June 2017", "14/11/2017", "December 2017", "February 2019" }
            .Select(d => E(Csc, d, "Referral received", EventSignal.ReferralToChildrensSocialCare)).ToList();

        var indicator = Indicator([.. referrals, E(Police, "March 2017", "Unrelated")], "referrals-12-months");

        Assert.True(indicator.Fired);
        Assert.Equal(referrals.Take(4).Select(r => r.Id), indicator.EventIds);
        Assert.Equal("At most 4 referrals or contacts in 12 months: January 2017 to December 2017.", indicator.Finding);
    }

    [Fact]
    public void Referrals_TwoIn12Months_DoesNotShow()
    {
        var indicator = Indicator([E(Csc, "January 2017", "Referral", EventSignal.ReferralToChildrensSocialCare), E(Csc, "March 2018", "Referral", EventSignal.ReferralToChildrensSocialCare)], "referrals-12-months");

        Assert.False(indicator.Fired);
    }

    [Fact]
    public void ClosedThenConcern_FindsANewConcernWithin3Months_NotLater()
    {
        var closed = E(Csc, "10/04/2018", "Contact closed, no further action", EventSignal.ClosedNoFurtherAction);
        var concern = E(Police, "2/07/2018", "Domestic incident", EventSignal.DomesticAbuseIncident); // 2 July: within 3 months of 10 April
        var closedAgain = E(Csc, "1/09/2018", "Closed, no further action", EventSignal.ClosedNoFurtherAction);
        var late = E(Csc, "5/12/2018", "Anonymous concern", EventSignal.AnonymousConcern); // 5 December: more than 3 months after 1 September

        var indicator = Indicator([closed, concern, closedAgain, late], "closed-then-concern");

        Assert.True(indicator.Fired);
        var instance = Assert.Single(indicator.Instances);
        Assert.Equal([closed.Id, concern.Id], instance.EventIds);
    }

    [Fact]
    public void PlanClosedThenReReferral_TenDaysLaterShows_FortyDaysDoesNot()
    {
        var closed = E(Csc, "5/12/2017", "CiN plan closed", EventSignal.PlanClosed);
        var tenDays = E(Csc, "15/12/2017", "Referral from a relative", EventSignal.ReferralToChildrensSocialCare);
        var closedLater = E(Csc, "1/03/2018", "CiN plan closed", EventSignal.PlanClosed);
        var fortyDays = E(Csc, "10/04/2018", "Referral from school", EventSignal.ReferralToChildrensSocialCare);

        var indicator = Indicator([closed, tenDays, closedLater, fortyDays], "closure-re-referral");

        Assert.Equal([[closed.Id, tenDays.Id]], indicator.Instances.Select(i => i.EventIds.ToList()));
    }

    [Theory]
    [InlineData(EventSignal.DomesticAbuseIncident, "domestic-abuse")]
    [InlineData(EventSignal.WasNotBrought, "was-not-brought")]
    [InlineData(EventSignal.SchoolAttendanceLetter, "missing-education")]
    [InlineData(EventSignal.AnonymousConcern, "anonymous-concerns")]
    public void RepeatedIndicators_ShowFromTheSecond(EventSignal signal, string key)
    {
        var one = E(School, "January 2018", "First", signal);
        var two = E(Police, "March 2018", "Second", signal);
        var other = E(Csc, "February 2018", "Something else", EventSignal.PlanClosed);

        Assert.False(Indicator([one, other], key).Fired);
        var fired = Indicator([one, two, other], key);
        Assert.True(fired.Fired);
        Assert.Equal([one.Id, two.Id], fired.EventIds);
    }

    [Fact]
    public void Suggest_PicksTheMoreSpecificTypeAndSaysWhy()
    {
        var types = EventTypes.Defaults.Select((d, i) => new ChronologyEventType { Name = d.Name, Signal = d.Signal, Keywords = d.Keywords, Order = i }).ToList();

        var closure = EventTypes.Suggest("Referral to CSC closed with no further action after checks", types);
        var wnb = EventTypes.Suggest("F was not brought to the 2 year review", types);
        var none = EventTypes.Suggest("Child enjoyed the school trip", types);

        Assert.Equal((EventSignal.ClosedNoFurtherAction, "no further action"), (closure!.Value.Type.Signal, closure.Value.Words));
        Assert.Equal(EventSignal.WasNotBrought, wnb!.Value.Type.Signal);
        Assert.Null(none);
    }

    private static RiskIndicator Indicator(IReadOnlyList<MergeEvent> events, string key) => CumulativeRisk.Compute(events).Single(i => i.Key == key);
}
