namespace Parallax.Tests.Tools;

public class ToolAnswerValidatorTests
{
    private static readonly ToolSection Outcomes = new()
    {
        Order = 1,
        Title = "Outcomes",
        HasJudgement = true,
        Questions =
        [
            new() { Order = 1, Code = "Q1", Text = "Is the child safer?", Kind = QuestionKind.YesNoNa, CommentRequiredOnNo = true, CommentRequiredOnNa = true },
            new() { Order = 2, Code = "Q2", Text = "Pattern of use", Kind = QuestionKind.SingleChoice, Options = ["Occasional", "Dependent"] },
            new() { Order = 3, Code = "Q3", Text = "Anything else?", Kind = QuestionKind.FreeText, Required = false },
            new() { Order = 4, Code = "Q4", Text = "Date of referral", Kind = QuestionKind.Date },
        ],
    };

    private static readonly ToolSection Adults = new()
    {
        Order = 2,
        Title = "Parenting capacity",
        Applicability = SectionApplicability.AgenciesWorkingWithAdults,
        Questions = [new() { Order = 1, Code = "P1", Text = "What substances?", Kind = QuestionKind.FreeText }],
    };

    private static readonly ToolVersion Version = new() { Sections = [Outcomes, Adults], AsksOverallAgencyJudgement = true };

    private static ToolAnswers Complete(Action<ToolAnswers>? change = null)
    {
        var answers = new ToolAnswers
        {
            AgencyJudgement = new(Grade.Good, null, "Timely and child-focused"),
        };
        answers.Questions["Q1"] = new("yes");
        answers.Questions["Q2"] = new("Dependent");
        answers.Questions["Q4"] = new("2025-06-30");
        answers.Questions["P1"] = new("Alcohol");
        answers.SectionJudgements[Outcomes.Id] = new(Grade.RequiresImprovement, "with elements of good", "Plan not reviewed");
        change?.Invoke(answers);
        return answers;
    }

    private static IReadOnlyList<AnswerProblem> Check(ToolAnswers answers, AgencyType type = AgencyType.SubstanceMisuse, bool adults = true) =>
        ToolAnswerValidator.Validate(Version, answers, type, adults);

    [Fact]
    public void CompleteReturn_HasNoProblems() => Assert.Empty(Check(Complete()));

    [Fact]
    public void MissingRequiredAnswer_NamesTheQuestionAndLinksToIt()
    {
        var problem = Assert.Single(Check(Complete(a => a.Questions.Remove("Q1"))));

        Assert.Equal(new AnswerProblem("q-q1", "Select yes, no or not applicable for Q1"), problem);
    }

    [Fact]
    public void NoWithoutComment_AsksForTheExplanation()
    {
        var problem = Assert.Single(Check(Complete(a => a.Questions["Q1"] = new("no"))));

        Assert.Equal("q-q1-comment", problem.Field);
        Assert.StartsWith("Explain your answer of no to Q1", problem.Message);
    }

    [Fact]
    public void NotApplicableWithoutComment_AsksWhy()
    {
        var problem = Assert.Single(Check(Complete(a => a.Questions["Q1"] = new("na", Comment: "  "))));

        Assert.Equal("Explain why Q1 is not applicable", problem.Message);
    }

    [Fact]
    public void NotApplicableWithComment_IsAccepted() =>
        Assert.Empty(Check(Complete(a => a.Questions["Q1"] = new("na", Comment: "The family moved away before the plan"))));

    [Fact]
    public void JudgementWithoutReason_AsksForTheReason()
    {
        var problem = Assert.Single(Check(Complete(a => a.SectionJudgements[Outcomes.Id] = new(Grade.Good, null, null))));

        Assert.Equal(($"j-{Outcomes.Id:N}-reason", "Explain why you made the judgement for Outcomes"), (problem.Field, problem.Message));
    }

    [Fact]
    public void MissingJudgement_AndMissingOverallJudgement_AreBothNamed()
    {
        var problems = Check(Complete(a => a.SectionJudgements.Clear()) with { AgencyJudgement = null });

        Assert.Equal(["Select a judgement for Outcomes", "Select a judgement on your agency's work overall"], problems.Select(p => p.Message));
    }

    [Fact]
    public void JudgementOutsideTheScale_IsRefused()
    {
        var problem = Assert.Single(Check(Complete(a => a.SectionJudgements[Outcomes.Id] = new((Grade)9, null, "x"))));

        Assert.Contains("four-point scale", problem.Message);
    }

    [Fact]
    public void ChoiceNotOffered_AndImpossibleDate_AreRefused()
    {
        var problems = Check(Complete(a =>
        {
            a.Questions["Q2"] = new("Weekly");
            a.Questions["Q4"] = new("2025-02-30");
        }));

        Assert.Equal(["Select one of the options for Q2", "Q4 must be a real date, like 2024-03-27"], problems.Select(p => p.Message));
    }

    [Fact]
    public void AdultsSection_IsAskedOfTheSubstanceMisuseServiceButNotOfASchool()
    {
        Assert.Contains(Check(Complete(a => a.Questions.Remove("P1"))), p => p.Field == "q-p1");
        Assert.Empty(Check(Complete(a => a.Questions.Remove("P1")), AgencyType.Education, adults: false));
        Assert.True(Adults.AppliesTo(AgencyType.SubstanceMisuse, worksWithAdults: true));
        Assert.False(Adults.AppliesTo(AgencyType.Education, worksWithAdults: false));
    }

    [Fact]
    public void CompoundJudgement_ReadsAsPartnershipsWriteIt()
    {
        Assert.Equal("Good with elements of RI", new CompoundJudgement(Grade.Good, "with elements of RI").ToString());
        Assert.Equal("Requires improvement", new CompoundJudgement(Grade.RequiresImprovement).ToString());
    }
}
