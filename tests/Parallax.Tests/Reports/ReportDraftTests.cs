using Parallax.Core.Agencies;
using Parallax.Core.Analysis;
using Parallax.Core.Audits;
using Parallax.Core.Reports;
using Parallax.Core.Returns;
using Parallax.Core.Tools;

namespace Parallax.Tests.Reports;

/// <summary>The drafts' sentences for none, one and many: returns, agencies with none, and judgements.</summary>
public class ReportDraftTests
{
    private static readonly Agency Police = new() { Code = "POL", Name = "Police", Type = AgencyType.Police };
    private static readonly Agency Probation = new() { Code = "PRO", Name = "Probation", Type = AgencyType.Probation };
    private static readonly Agency Housing = new() { Code = "HOU", Name = "Housing", Type = AgencyType.Housing };

    private static ReportFacts Facts(IReadOnlyList<ReturnRequest> requests, Dictionary<Grade, int>? judged = null, int cases = 6)
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
