namespace Parallax.Tests.Tools;

/// <summary>The shipped tools against the published tools they were transcribed from: their codes, kinds, options and rules.</summary>
public class ToolTemplateTests
{
    private static ToolDocument Template(string key) => ToolTemplates.Find(key)!.Document;

    private static IEnumerable<string> Codes(SectionDocument section) => section.Questions.Select(q => q.Code);

    private static IEnumerable<string> Numbered(string prefix, int count) => Enumerable.Range(1, count).Select(i => $"{prefix}{i}");

    [Fact]
    public void JtaiDomesticAbuse_HasTheCodedQuestionsOfTheOriginal()
    {
        var tool = Template("jtai-domestic-abuse");

        Assert.Equal(
            ["Quality of the referral", "Quality of the assessment", "Quality of the plan", "Quality of case recording", "Management oversight", "Working together effectively"],
            tool.Sections.Select(s => s.Title));
        Assert.Equal(Numbered("R", 8), Codes(tool.Sections[0]));
        Assert.Equal(["A1", "A2", "A3", "A3a", .. Numbered("A", 16).Skip(3)], Codes(tool.Sections[1]));
        Assert.Equal([.. Numbered("P", 17), "P17a", "P18", "P19"], Codes(tool.Sections[2]));
        Assert.Equal(Numbered("C", 4), Codes(tool.Sections[3]));
        Assert.Empty(tool.Sections[4].Questions);
        Assert.Equal(Numbered("W", 2), Codes(tool.Sections[5]));
    }

    [Fact]
    public void JtaiDomesticAbuse_JudgesTheRightSectionsAndAsksForReasonsAndGoodPractice()
    {
        var tool = Template("jtai-domestic-abuse");

        Assert.Equal([true, true, true, false, true, false], tool.Sections.Select(s => s.HasJudgement));
        Assert.True(tool.AsksOverallAgencyJudgement && tool.AsksPartnershipJudgement && tool.AsksGoodPractice && tool.AsksOtherComments);
        var questions = tool.Sections.SelectMany(s => s.Questions).ToList();
        Assert.All(questions, q => Assert.Equal(QuestionKind.YesNoNa, q.Kind));
        Assert.All(questions, q => Assert.True(q.CommentRequiredOnNa, $"{q.Code}: 'if you have answered not applicable please explain why'"));
        Assert.Contains("last 6 months", tool.Guidance);
        Assert.Contains("initials", tool.Guidance);
        Assert.Contains("Risk Indicator Checklist", questions.Single(q => q.Code == "A9").Text);
    }

    [Fact]
    public void SubstanceMisuse_HasSixSectionsThenTheSummarySheet()
    {
        var tool = Template("substance-misuse");

        Assert.Equal(7, tool.Sections.Count);
        Assert.Equal([10 + 1, 9, 6, 5, 4, 12, 6], tool.Sections.Select(s => s.Questions.Count));
        Assert.Equal([true, true, true, false, false, false, false], tool.Sections.Select(s => s.HasJudgement));
        Assert.Equal(SectionScope.OncePerAgency, tool.Sections[6].Scope);
        Assert.All(tool.Sections.Take(6), s => Assert.Equal(SectionScope.EachCase, s.Scope));
    }

    [Fact]
    public void SubstanceMisuse_SectionSixIsForAgenciesWorkingWithAdults_WithThePatternOfUseChoice()
    {
        var section = Template("substance-misuse").Sections[5];

        Assert.Equal(SectionApplicability.AgenciesWorkingWithAdults, section.Applicability);
        var pattern = section.Questions.Single(q => q.Code == "6.2");
        Assert.Equal(QuestionKind.SingleChoice, pattern.Kind);
        Assert.Equal(["Occasional/recreational", "Bingeing", "Chaotic", "Dependent"], pattern.Options);
    }

    [Fact]
    public void TriggerTrio_IsSixQuestionsLong()
    {
        var tool = Template("trigger-trio");

        Assert.Equal(6, tool.Sections.Sum(s => s.Questions.Count));
        Assert.All(tool.Sections.SelectMany(s => s.Questions), q => Assert.True(q.CommentRequiredOnNo && q.CommentRequiredOnNa));
    }

    /// <summary>
    /// A shipped tool is for any partnership, so it names none: no "… Safeguarding Children Partnership", council or
    /// borough, and no partnership initials such as "XSCP". The pattern is shown to catch the demo's own name first.
    /// </summary>
    [Fact]
    public void NoTemplate_NamesAPartnership()
    {
        var named = new System.Text.RegularExpressions.Regex(
            @"[A-Z][a-z]+ (Safeguarding Children (Partnership|Board)|Council|Borough)|\b[A-Z]{1,4}S(C|CP|CB)\b");
        Assert.Matches(named, Parallax.Core.Demo.DemoPartnership.Name);
        Assert.Matches(named, "the NSCP tool");

        foreach (var template in ToolTemplates.All())
            Assert.DoesNotMatch(named, ToolInterchange.Serialize(template.Document));
    }

    /// <summary>The report's collated data prints a short label for each yes/no question, on one table, where every question has one.</summary>
    [Theory]
    [InlineData("jtai-domestic-abuse")]
    [InlineData("trigger-trio")]
    public void EveryYesNoQuestion_HasAShortLabel_SoTheCollatedDataFitsOneTable(string key)
    {
        var yesNo = Template(key).Sections.SelectMany(s => s.Questions).Where(q => q.Kind == QuestionKind.YesNoNa).ToList();

        Assert.NotEmpty(yesNo);
        Assert.All(yesNo, q => Assert.False(string.IsNullOrWhiteSpace(q.ShortLabel), $"{q.Code} has no short label"));
        Assert.All(yesNo, q => Assert.True(q.ShortLabel!.Length <= 60, $"{q.Code}'s short label is longer than a table cell should hold: {q.ShortLabel}"));
    }

    [Fact]
    public void SubstanceMisuse_AsksOpenQuestionsOnly_SoItHasNoPercentagesToLabel() =>
        Assert.DoesNotContain(Template("substance-misuse").Sections.SelectMany(s => s.Questions), q => q.Kind == QuestionKind.YesNoNa);
}
