namespace Parallax.Tests.Reports;

/// <summary>The drafts' sentences for none, one and many: returns, agencies with none, and judgements.</summary>
public class ReportDraftTests
{
    private static readonly Agency Police = new() { Code = "POL", Name = "Police", Type = AgencyType.Police };
    private static readonly Agency Probation = new() { Code = "PRO", Name = "Probation", Type = AgencyType.Probation };
    private static readonly Agency Housing = new() { Code = "HOU", Name = "Housing", Type = AgencyType.Housing };

    internal static ReportFacts Facts(IReadOnlyList<ReturnRequest> requests, Dictionary<Grade, int>? judged = null, int cases = 6)
    {
        var audit = new Audit { Title = "Test", Theme = "Neglect", RequestsSentOn = new DateOnly(2030, 6, 3), ReturnsDueOn = new DateOnly(2030, 6, 17) };
        var version = new ToolVersion { Number = 1 };
        var counted = requests.Where(r => r.Status != ReturnStatus.Draft).ToList();
        var returns = new ReturnFigures(counted.Count, counted.Count(r => r.Status == ReturnStatus.Submitted), counted.Count(r => r.Status == ReturnStatus.NotKnownToAgency),
            counted.Count(r => r.Status == ReturnStatus.NoReturn), counted.Count(r => ReturnsDashboard.IsOpen(r.Status)));
        var judgements = Enum.GetValues<Grade>().ToDictionary(g => g, g => judged?.GetValueOrDefault(g) ?? 0);
        var figures = new AuditFigures(audit, version, new StatisticsFilter(), [], [], new AnswerCounts(0, 0, 0), judgements, cases - judgements.Values.Sum(), returns);
        return new ReportFacts("Testshire SCP", audit, "Test tool", figures, [], [Police, Probation, Housing], requests, null, [], [], 0);
    }

    private static IEnumerable<ReturnRequest> Requests(Agency agency, ReturnStatus status, int count) =>
        Enumerable.Range(0, count).Select(_ => new ReturnRequest { AgencyId = agency.Id, Status = status });

    [Fact]
    public void Returns_None()
    {
        Assert.Equal("No returns have been requested yet.", ReportDrafts.Returns(Facts([])));
    }

    [Fact]
    public void Returns_One()
    {
        Assert.Equal("1 of 1 requested return (100%) was completed.", ReportDrafts.Returns(Facts([.. Requests(Police, ReturnStatus.Submitted, 1)])));
    }

    [Fact]
    public void Returns_Many_NamingTheAgenciesThatSentNone()
    {
        // 24 of 35 is 68.57%: 69. Probation and Housing were asked and returned nothing (named alphabetically); a not-known answer is not a missing return.
        var facts = Facts([.. Requests(Police, ReturnStatus.Submitted, 24), .. Requests(Police, ReturnStatus.NotKnownToAgency, 2), .. Requests(Probation, ReturnStatus.NoReturn, 6),
            .. Requests(Housing, ReturnStatus.NoReturn, 4), .. Requests(Housing, ReturnStatus.Requested, 1)]);

        Assert.Equal("24 of 35 requested returns (69%) were completed, after two requests answered as not known to the agency; no returns were received from Housing and Probation.",
            ReportDrafts.Returns(facts));
    }

    [Fact]
    public void Judgements_None()
    {
        Assert.Equal("No case has an agreed partnership judgement yet.", ReportDrafts.Judgements(Facts([])));
    }

    [Fact]
    public void Judgements_One_AndTheRestNotYetJudged()
    {
        Assert.Equal("One case was judged to be good. Five cases have no agreed judgement yet.", ReportDrafts.Judgements(Facts([], new() { [Grade.Good] = 1 })));
    }

    [Fact]
    public void Judgements_Many_MostCommonFirst()
    {
        Assert.Equal("Four cases were judged to require improvement and two were judged to be good.",
            ReportDrafts.Judgements(Facts([], new() { [Grade.Good] = 2, [Grade.RequiresImprovement] = 4 })));
    }

    private static Parallax.Core.Panels.PanelCaseRecord Panel(Grade grade, string? qualifier = null) =>
        new() { AuditId = Guid.Empty, CaseId = Guid.NewGuid(), AgreedGrade = grade, AgreedQualifier = qualifier };

    [Fact]
    public void Judgements_AllTheSame_WithQualifiersCountedHonestly()
    {
        var panel = Enumerable.Range(0, 10).Select(i => Panel(Grade.Good, i < 7 ? ", elements of RI" : null)).ToList();
        var facts = Facts([], new() { [Grade.Good] = 10 }, cases: 10) with { Panel = panel };

        Assert.Equal("All ten cases were judged to be good; seven with elements of requires improvement.", ReportDrafts.Judgements(facts));
    }

    [Fact]
    public void Judgements_Mixed_QualifiersUnderTheirGrade()
    {
        var panel = new[] { Panel(Grade.Good, "with elements of outstanding"), Panel(Grade.Good), Panel(Grade.RequiresImprovement, "(elements of inadequate)"), Panel(Grade.RequiresImprovement, "elements of inadequate"), Panel(Grade.RequiresImprovement) };
        var facts = Facts([], new() { [Grade.Good] = 2, [Grade.RequiresImprovement] = 3 }, cases: 5) with { Panel = panel };

        Assert.Equal("Three cases were judged to require improvement (two with elements of inadequate) and two were judged to be good (one with elements of outstanding).", ReportDrafts.Judgements(facts));
    }

    [Fact]
    public void CompoundGrade_ReadsWhole()
    {
        Assert.Equal("Good, elements of RI", new CompoundJudgement(Grade.Good, " , elements of RI").ToString());
    }

    [Fact]
    public void Recommendation_FromAQuestionFinding_ReadsAsASentence()
    {
        Assert.Equal("How do we support women who are being coercively controlled?", ReportDrafts.Headline("How do we support women who are being coercively controlled? Agencies said they were unsure."));
        Assert.Equal("Chronologies were late", ReportDrafts.Headline("Chronologies were late."));
    }

    [Fact]
    public void Recommendations_None_One_Many_FromEachAreaForImprovementsHeadline()
    {
        var strength = new ReportFinding(FindingKind.Strength, FindingScope.WiderSystem, "Information sharing", null, "Agencies shared information promptly.", []);
        Assert.Equal("", ReportDrafts.Recommendations(Facts([]) with { Findings = [strength] }));

        var question = new ReportFinding(FindingKind.AreaForImprovement, FindingScope.ThemeSpecific, " coercive control ", null,
            "How do we support women who are being coercively controlled? Practitioners said they were unsure what to do.", ["NM-1"]);
        Assert.Equal("In order to address the finding on coercive control, \u201cHow do we support women who are being coercively controlled?\u201d, the partnership to agree the actions needed and report progress to the partnership.",
            ReportDrafts.Recommendations(Facts([]) with { Findings = [strength, question] }));

        var agency = new ReportFinding(FindingKind.AreaForImprovement, FindingScope.SingleAgency, "Fathers", "Police", "Fathers were not seen. Two cases.", []);
        var many = ReportDrafts.Recommendations(Facts([]) with { Findings = [question, strength, agency] }).Split("\n\n");
        Assert.Equal(2, many.Length);
        Assert.Equal("In order to address the finding on Fathers, \u201cFathers were not seen\u201d, Police to agree the actions needed and report progress to the partnership.", many[1]);
    }

    [Fact]
    public void Introduction_SaysWhereTheThemeCameFrom_AsTyped()
    {
        var facts = Facts([]);
        facts.Audit.ThemeSource = "Annual audit programme.";
        Assert.StartsWith("The partnership audited neglect. Where the theme came from: Annual audit programme.\n\n", ReportDrafts.Introduction(facts), StringComparison.Ordinal);
    }

    [Fact]
    public void WhoKnewWhom_None_WhenNoAgencyRecordedWhoItKnew()
    {
        Assert.Empty(ReportDrafts.WhoKnewWhom(Facts([])));
        Assert.Empty(ReportDrafts.WhoKnewWhom(Facts([]) with { Involvement = [new HouseholdInvolvement(Housing, new Dictionary<string, int> { ["mother"] = 0 })] }));
    }

    private static Parallax.Core.Cases.Case Child(Parallax.Core.Cases.LevelOfNeed level, int? age, bool unborn = false, bool marac = false) =>
        new() { Uin = Guid.NewGuid().ToString("N")[..6], Initials = "AB", Ethnicity = "Not recorded", LevelOfNeed = level, AgeYears = age, Unborn = unborn, HeardAtMarac = marac };

    [Fact]
    public void Sample_None_One_Many()
    {
        Assert.Equal("No cases have been added to the audit.", ReportDrafts.Sample(Facts([])));
        Assert.Equal("The one child in the sample was on a child protection plan. The child was aged 4 years.",
            ReportDrafts.Sample(Facts([]) with { Cases = [Child(Parallax.Core.Cases.LevelOfNeed.ChildProtection, 4)] }));
        var many = Facts([]) with
        {
            Cases = [.. Enumerable.Range(0, 5).Select(i => Child(Parallax.Core.Cases.LevelOfNeed.ChildProtection, i == 0 ? null : 2 + i, unborn: i == 0, marac: i < 2)),
                Child(Parallax.Core.Cases.LevelOfNeed.ChildInNeed, 0), Child(Parallax.Core.Cases.LevelOfNeed.EarlyHelp, 15)],
        };
        Assert.Equal("Of the seven children in the sample, five were on child protection plans, one was receiving early help and one was a child in need. " +
            "One child was unborn when the sample was drawn; the others were aged from under one to 15 years. Two cases had been heard at MARAC.", ReportDrafts.Sample(many));
    }

    [Fact]
    public void Limitations_None_Some_AndAgenciesWithNoReturns()
    {
        Assert.Equal("No returns have been requested yet, so the limits of the evidence cannot be said.", ReportDrafts.Limitations(Facts([])));
        Assert.Equal("Every agency that knew a family returned on every case it knew.", ReportDrafts.Limitations(Facts([.. Requests(Police, ReturnStatus.Submitted, 3)])));
        var facts = Facts([.. Requests(Police, ReturnStatus.Submitted, 3), .. Requests(Police, ReturnStatus.NoReturn, 1), .. Requests(Housing, ReturnStatus.NoReturn, 2)]);
        Assert.Equal("No returns were received from Housing, so its involvement with the families is not reflected in the findings. " +
            "Returns were missing from some agencies for some cases: Police (one of four).", ReportDrafts.Limitations(facts));
    }

    [Fact]
    public void WhoKnewWhom_OneLinePerAgency()
    {
        var facts = Facts([]) with { Involvement = [new HouseholdInvolvement(Housing, new Dictionary<string, int> { ["father"] = 2, ["mother"] = 2 }), new HouseholdInvolvement(Police, new Dictionary<string, int> { ["child"] = 1 })] };

        Assert.Equal(["Two mothers and two fathers were known to Housing.", "One child was known to Police."], ReportDrafts.WhoKnewWhom(facts));
    }

    [Theory]
    [InlineData(0, "no cases")]
    [InlineData(1, "one case")]
    [InlineData(20, "twenty cases")]
    [InlineData(21, "21 cases")]
    public void Counts_InWordsToTwenty(int n, string expected)
    {
        Assert.Equal(expected, ReportText.Count(n, "case", "cases"));
    }

    [Fact]
    public void Clean_DropsWhatXmlCannotCarry_AndKeepsTheRest()
    {
        Assert.Equal("a b\nc😀d", ReportText.Clean("a\tb\r\nc\u0001😀\uD800d\u000B"));
    }
}
