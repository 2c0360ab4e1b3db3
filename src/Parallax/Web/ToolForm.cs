namespace Parallax.Web;

/// <summary>What the shared return-form partial (_ToolForm) renders.</summary>
public sealed record ToolFormView(
    ToolVersion Version,
    ToolAnswers Answers,
    Func<ToolSection, bool> Applies,
    IReadOnlyDictionary<string, string> Errors,
    bool ShowApplicability = false,
    string? Only = null)
{
    /// <summary>The value of <see cref="Only"/> that shows the closing "Overall" section alone.</summary>
    public const string Overall = "overall";

    /// <summary>Whether this part of the form is shown: all of it, or the one section a section page asks for.</summary>
    public bool Shows(ToolSection section) => Only is null || Only == section.Id.ToString("N");

    public bool ShowsOverall => Only is null or Overall;

    public string? Error(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    public QuestionAnswer Answer(ToolQuestion question) =>
        Answers.Questions.TryGetValue(question.Code, out var answer) ? answer : new QuestionAnswer(null);
}

/// <summary>Reads a posted return form into <see cref="ToolAnswers"/>, using the field names of <see cref="AnswerFields"/>.</summary>
public static class ToolAnswersForm
{
    public static ToolAnswers Read(IFormCollection form, ToolVersion version)
    {
        var answers = new ToolAnswers
        {
            AgencyJudgement = ReadJudgement(form, AnswerFields.AgencyJudgement),
            PartnershipJudgement = ReadJudgement(form, AnswerFields.PartnershipJudgement),
            GoodPractice = Text(form, AnswerFields.GoodPractice),
            OtherComments = Text(form, AnswerFields.OtherComments),
        };

        foreach (var section in version.Sections)
        {
            foreach (var question in section.Questions)
            {
                var field = AnswerFields.Value(question.Code);
                var answer = question.Kind switch
                {
                    QuestionKind.MultipleChoice => new QuestionAnswer(null, form[field].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList()),
                    QuestionKind.Date => new QuestionAnswer(ReadDate(form, field)),
                    _ => new QuestionAnswer(Text(form, field)),
                };
                answers.Questions[question.Code] = answer with { Comment = Text(form, AnswerFields.Comment(question.Code)) };
            }

            if (section.HasJudgement && ReadJudgement(form, AnswerFields.Judgement(section.Id)) is { } judgement)
                answers.SectionJudgements[section.Id] = judgement;
        }

        return answers;
    }

    private static JudgementAnswer? ReadJudgement(IFormCollection form, string field)
    {
        var grade = Enum.TryParse<Grade>(form[field], out var parsed) && Enum.IsDefined(parsed) ? parsed : (Grade?)null;
        var qualifier = Text(form, field + "-qualifier");
        var reason = Text(form, field + "-reason");
        return grade is null && qualifier is null && reason is null ? null : new JudgementAnswer(grade, qualifier, reason);
    }

    /// <summary>The GOV.UK date input's three fields as yyyy-MM-dd, or what was typed if it is not a date (the validator says so).</summary>
    private static string? ReadDate(IFormCollection form, string field)
    {
        var (day, month, year) = (Text(form, field), Text(form, field + "-month"), Text(form, field + "-year"));
        if (day is null && month is null && year is null) return null;
        return int.TryParse(day, out var d) && int.TryParse(month, out var m) && int.TryParse(year, out var y)
            ? $"{y:D4}-{m:D2}-{d:D2}"
            : $"{year}-{month}-{day}";
    }

    private static string? Text(IFormCollection form, string field) =>
        form[field].FirstOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
