namespace Parallax.Core.Tools;

public sealed record QuestionAnswer(string? Value, IReadOnlyList<string>? Values = null, string? Comment = null);

public sealed record JudgementAnswer(Grade? Grade, string? Qualifier, string? Reason);

/// <summary>One agency's answers to a tool version for one case (or, for once-per-agency sections, for all its cases).</summary>
public sealed record ToolAnswers
{
    public Dictionary<string, QuestionAnswer> Questions { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<Guid, JudgementAnswer> SectionJudgements { get; init; } = [];

    public JudgementAnswer? AgencyJudgement { get; init; }

    public JudgementAnswer? PartnershipJudgement { get; init; }

    public string? GoodPractice { get; init; }

    public string? OtherComments { get; init; }
}

/// <summary>A problem with one field of a return form, in GOV.UK wording; <see cref="Field"/> is the form field's id.</summary>
public sealed record AnswerProblem(string Field, string Message);

/// <summary>The names of a return form's fields, shared by the form and the validator so errors link to fields.</summary>
public static class AnswerFields
{
    public const string Yes = "yes";
    public const string No = "no";
    public const string NotApplicable = "na";

    public static string Value(string code) => $"q-{Slug(code)}";

    public static string Comment(string code) => $"q-{Slug(code)}-comment";

    public static string Judgement(Guid sectionId) => $"j-{sectionId:N}";

    public static string JudgementQualifier(Guid sectionId) => $"j-{sectionId:N}-qualifier";

    public static string JudgementReason(Guid sectionId) => $"j-{sectionId:N}-reason";

    public const string AgencyJudgement = "agency-judgement";
    public const string PartnershipJudgement = "partnership-judgement";
    public const string GoodPractice = "good-practice";
    public const string OtherComments = "other-comments";

    private static string Slug(string code) => new(code.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}

/// <summary>
/// Checks a return against its tool version on the server: every required answer, a comment where No or
/// N/A needs one, a reason for every judgement. Only the sections that apply to the agency are checked.
/// </summary>
public static class ToolAnswerValidator
{
    public static IReadOnlyList<AnswerProblem> Validate(ToolVersion version, ToolAnswers answers, Agencies.AgencyType agencyType, bool worksWithAdults)
    {
        var problems = new List<AnswerProblem>(CheckLengths(version, answers));
        foreach (var section in version.Sections.OrderBy(s => s.Order).Where(s => s.AppliesTo(agencyType, worksWithAdults)))
        {
            foreach (var question in section.Questions.OrderBy(q => q.Order))
            {
                answers.Questions.TryGetValue(question.Code, out var answer);
                CheckQuestion(question, answer, problems);
            }

            if (section.HasJudgement)
            {
                answers.SectionJudgements.TryGetValue(section.Id, out var judgement);
                CheckJudgement(judgement, AnswerFields.Judgement(section.Id), AnswerFields.JudgementReason(section.Id), $"for {section.Title}", problems);
            }
        }

        if (version.AsksOverallAgencyJudgement)
            CheckJudgement(answers.AgencyJudgement, AnswerFields.AgencyJudgement, AnswerFields.AgencyJudgement + "-reason", "on your agency's work overall", problems);
        if (version.AsksPartnershipJudgement)
            CheckJudgement(answers.PartnershipJudgement, AnswerFields.PartnershipJudgement, AnswerFields.PartnershipJudgement + "-reason", "on the work of the partnership overall", problems);
        return problems;
    }

    /// <summary>
    /// The stated limits (<see cref="TextLimits"/>) on every piece of text in a return: checked on every save, draft or
    /// submission, so nothing longer reaches either database.
    /// </summary>
    public static IReadOnlyList<AnswerProblem> CheckLengths(ToolVersion version, ToolAnswers answers)
    {
        var problems = new List<AnswerProblem>();
        void Check(string? text, int limit, string field, string what)
        {
            if (text is not null && text.Length > limit) problems.Add(new(field, TextLimits.TooLong(what, limit, text.Length)));
        }

        foreach (var question in version.Sections.OrderBy(s => s.Order).SelectMany(s => s.Questions.OrderBy(q => q.Order)))
        {
            if (!answers.Questions.TryGetValue(question.Code, out var answer)) continue;
            Check(answer.Value, TextLimits.Narrative, AnswerFields.Value(question.Code), $"The answer to {question.Code}");
            Check(answer.Comment, TextLimits.Narrative, AnswerFields.Comment(question.Code), $"The comment on {question.Code}");
            foreach (var value in answer.Values ?? []) Check(value, TextLimits.Line, AnswerFields.Value(question.Code), $"Each option chosen for {question.Code}");
        }

        foreach (var section in version.Sections.OrderBy(s => s.Order))
        {
            if (!answers.SectionJudgements.TryGetValue(section.Id, out var judgement)) continue;
            Check(judgement.Qualifier, TextLimits.Line, AnswerFields.JudgementQualifier(section.Id), $"The qualifier for {section.Title}");
            Check(judgement.Reason, TextLimits.Narrative, AnswerFields.JudgementReason(section.Id), $"The reason for your judgement for {section.Title}");
        }

        Check(answers.AgencyJudgement?.Qualifier, TextLimits.Line, AnswerFields.AgencyJudgement + "-qualifier", "The qualifier of your agency's overall judgement");
        Check(answers.AgencyJudgement?.Reason, TextLimits.Narrative, AnswerFields.AgencyJudgement + "-reason", "The reason for your agency's overall judgement");
        Check(answers.PartnershipJudgement?.Qualifier, TextLimits.Line, AnswerFields.PartnershipJudgement + "-qualifier", "The qualifier of the partnership judgement");
        Check(answers.PartnershipJudgement?.Reason, TextLimits.Narrative, AnswerFields.PartnershipJudgement + "-reason", "The reason for the partnership judgement");
        Check(answers.GoodPractice, TextLimits.Narrative, AnswerFields.GoodPractice, "Good practice");
        Check(answers.OtherComments, TextLimits.Narrative, AnswerFields.OtherComments, "Other comments");
        return problems;
    }

    /// <summary>
    /// One stored answer by the form's rules for its question's kind, for answers that did not come through the form
    /// (an imported package): a draft may leave it empty, a submitted return must answer what is required.
    /// </summary>
    public static IReadOnlyList<AnswerProblem> CheckAnswer(ToolQuestion question, QuestionAnswer answer, bool submitted)
    {
        var problems = new List<AnswerProblem>();
        var empty = question.Kind == QuestionKind.MultipleChoice ? (answer.Values?.Count ?? 0) == 0 : string.IsNullOrEmpty(answer.Value);
        if (!submitted && empty) return problems;
        // Stored values are exact: "Yes" is not "yes" (it would be left out of every count).
        if (answer.Value is { } value && value != value.Trim()) problems.Add(new(AnswerFields.Value(question.Code), $"The answer to {question.Code} has spaces around it"));
        CheckQuestion(question, answer, problems);
        return problems;
    }

    private static void CheckQuestion(ToolQuestion question, QuestionAnswer? answer, List<AnswerProblem> problems)
    {
        var field = AnswerFields.Value(question.Code);
        var value = answer?.Value?.Trim();
        var values = answer?.Values?.Where(v => !string.IsNullOrWhiteSpace(v)).ToList() ?? [];
        var hasComment = !string.IsNullOrWhiteSpace(answer?.Comment);
        var empty = question.Kind == QuestionKind.MultipleChoice ? values.Count == 0 : string.IsNullOrEmpty(value);

        if (empty)
        {
            if (question.Required) problems.Add(new(field, MissingMessage(question)));
            return;
        }

        switch (question.Kind)
        {
            case QuestionKind.YesNoNa:
                if (value is not (AnswerFields.Yes or AnswerFields.No or AnswerFields.NotApplicable))
                    problems.Add(new(field, $"Select yes, no or not applicable for {question.Code}"));
                else if (value == AnswerFields.No && question.CommentRequiredOnNo && !hasComment)
                    problems.Add(new(AnswerFields.Comment(question.Code), $"Explain your answer of no to {question.Code}: what was missing, and what could have been done better"));
                else if (value == AnswerFields.NotApplicable && question.CommentRequiredOnNa && !hasComment)
                    problems.Add(new(AnswerFields.Comment(question.Code), $"Explain why {question.Code} is not applicable"));
                break;
            case QuestionKind.SingleChoice when !question.Options.Contains(value!):
                problems.Add(new(field, $"Select one of the options for {question.Code}"));
                break;
            case QuestionKind.MultipleChoice when values.Any(v => !question.Options.Contains(v)):
                problems.Add(new(field, $"Select only the options listed for {question.Code}"));
                break;
            case QuestionKind.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                problems.Add(new(field, $"{question.Code} must be a real date, like 2024-03-27"));
                break;
            case QuestionKind.Number when !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _):
                problems.Add(new(field, $"{question.Code} must be a number, like 3"));
                break;
        }
    }

    private static string MissingMessage(ToolQuestion question) => question.Kind switch
    {
        QuestionKind.YesNoNa => $"Select yes, no or not applicable for {question.Code}",
        QuestionKind.SingleChoice => $"Select an option for {question.Code}",
        QuestionKind.MultipleChoice => $"Select at least one option for {question.Code}",
        QuestionKind.Date => $"Enter a date for {question.Code}",
        QuestionKind.Number => $"Enter a number for {question.Code}",
        _ => $"Answer question {question.Code}",
    };

    private static void CheckJudgement(JudgementAnswer? judgement, string field, string reasonField, string what, List<AnswerProblem> problems)
    {
        if (judgement?.Grade is null)
        {
            problems.Add(new(field, $"Select a judgement {what}"));
            return;
        }

        if (!Enum.IsDefined(judgement.Grade.Value))
            problems.Add(new(field, $"Select a judgement {what} from the four-point scale"));
        else if (string.IsNullOrWhiteSpace(judgement.Reason))
            problems.Add(new(reasonField, $"Explain why you made the judgement {what}"));
    }
}
