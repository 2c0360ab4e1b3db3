namespace Parallax.Core.Returns;

/// <summary>Where one section of a return stands, worked out from what is saved (never ticked).</summary>
public enum SectionProgress
{
    NotStarted,
    InProgress,
    Completed,
}

/// <summary>
/// One page of a return: a section of the tool that applies to the agency, or the closing "Overall" section
/// (the overall judgements, good practice and other comments) when the tool asks any of them.
/// </summary>
public sealed record ReturnSection(int Number, string Title, ToolSection? ToolSection, IReadOnlySet<string> Fields, double ExactMinutes, SectionProgress Progress, IReadOnlyList<AnswerProblem> Problems)
{
    /// <summary>The section's estimate as shown: rounded up to 5 minutes.</summary>
    public int Minutes => ReturnSections.RoundUp(ExactMinutes);

    public bool Completed => Progress == SectionProgress.Completed;

    /// <summary>The words for the progress, as the GOV.UK task list shows them.</summary>
    public string ProgressText => Progress switch
    {
        SectionProgress.Completed => "Completed",
        SectionProgress.InProgress => "In progress",
        _ => "Not started",
    };
}

/// <summary>
/// A return divided into its sections: each with its progress, its own problems (only its own questions)
/// and a time estimate from its questions (decision 0056).
/// </summary>
public static class ReturnSections
{
    /// <summary>Minutes to find the evidence in the agency's records and write an answer of this kind down.</summary>
    public static double MinutesFor(QuestionKind kind) => kind switch
    {
        QuestionKind.FreeText => 4.0,
        QuestionKind.YesNoNa => 2.0,
        _ => 1.0,
    };

    public const double JudgementMinutes = 3.0;
    public const double GoodPracticeMinutes = 3.0;
    public const double OtherCommentsMinutes = 2.0;

    /// <summary>Whole minutes rounded up to the next 5 (never 0 for something to do).</summary>
    public static int RoundUp(double minutes) => minutes <= 0 ? 0 : (int)Math.Ceiling(minutes / 5) * 5;

    public static IReadOnlyList<ReturnSection> Of(ReturnContext context, ToolAnswers answers)
    {
        var version = context.ToolVersion;
        var problems = ToolAnswerValidator.Validate(version, answers, context.Agency.Type, context.Agency.WorksWithAdults);
        var sections = new List<ReturnSection>();
        foreach (var section in version.Sections.OrderBy(s => s.Order).Where(context.Applies))
        {
            var fields = FieldsOf(section);
            var minutes = section.Questions.Sum(q => MinutesFor(q.Kind)) + (section.HasJudgement ? JudgementMinutes : 0);
            sections.Add(Make(sections.Count + 1, section.Title, section, fields, minutes, problems, Answered(answers, section)));
        }

        if (version.AsksOverallAgencyJudgement || version.AsksPartnershipJudgement || version.AsksGoodPractice || version.AsksOtherComments)
        {
            var fields = OverallFields();
            var minutes = (version.AsksOverallAgencyJudgement ? JudgementMinutes : 0) + (version.AsksPartnershipJudgement ? JudgementMinutes : 0)
                + (version.AsksGoodPractice ? GoodPracticeMinutes : 0) + (version.AsksOtherComments ? OtherCommentsMinutes : 0);
            var answered = answers.AgencyJudgement is not null || answers.PartnershipJudgement is not null
                || !string.IsNullOrWhiteSpace(answers.GoodPractice) || !string.IsNullOrWhiteSpace(answers.OtherComments);
            sections.Add(Make(sections.Count + 1, "Overall", null, fields, minutes, problems, answered));
        }

        return sections;
    }

    private static ReturnSection Make(int number, string title, ToolSection? section, IReadOnlySet<string> fields, double minutes, IReadOnlyList<AnswerProblem> all, bool answered)
    {
        var own = all.Where(p => fields.Contains(p.Field)).ToList();
        var progress = own.Count == 0 ? SectionProgress.Completed : answered ? SectionProgress.InProgress : SectionProgress.NotStarted;
        return new ReturnSection(number, title, section, fields, minutes, progress, own);
    }

    /// <summary>Minutes for the sections not yet completed, rounded up to 5.</summary>
    public static int MinutesLeft(IReadOnlyList<ReturnSection> sections) => RoundUp(sections.Where(s => !s.Completed).Sum(s => s.ExactMinutes));

    /// <summary>Minutes for the whole return as this agency sees it, rounded up to 5.</summary>
    public static int MinutesInAll(IReadOnlyList<ReturnSection> sections) => RoundUp(sections.Sum(s => s.ExactMinutes));

    private static HashSet<string> FieldsOf(ToolSection section)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in section.Questions)
        {
            fields.Add(AnswerFields.Value(q.Code));
            fields.Add(AnswerFields.Comment(q.Code));
        }

        if (section.HasJudgement)
        {
            fields.Add(AnswerFields.Judgement(section.Id));
            fields.Add(AnswerFields.JudgementQualifier(section.Id));
            fields.Add(AnswerFields.JudgementReason(section.Id));
        }

        return fields;
    }

    private static HashSet<string> OverallFields() => new(StringComparer.Ordinal)
    {
        AnswerFields.AgencyJudgement, AnswerFields.AgencyJudgement + "-qualifier", AnswerFields.AgencyJudgement + "-reason",
        AnswerFields.PartnershipJudgement, AnswerFields.PartnershipJudgement + "-qualifier", AnswerFields.PartnershipJudgement + "-reason",
        AnswerFields.GoodPractice, AnswerFields.OtherComments,
    };

    private static bool Answered(ToolAnswers answers, ToolSection section) =>
        section.Questions.Any(q => answers.Questions.TryGetValue(q.Code, out var a)
            && (!string.IsNullOrWhiteSpace(a.Value) || (a.Values?.Count ?? 0) > 0 || !string.IsNullOrWhiteSpace(a.Comment)))
        || (section.HasJudgement && answers.SectionJudgements.ContainsKey(section.Id));

    /// <summary>The stored answers with one section's answers replaced by the posted ones; every other section is left as saved.</summary>
    public static ToolAnswers Overlay(ToolAnswers stored, ToolAnswers posted, ReturnSection section)
    {
        var questions = new Dictionary<string, QuestionAnswer>(stored.Questions, StringComparer.OrdinalIgnoreCase);
        var judgements = new Dictionary<Guid, JudgementAnswer>(stored.SectionJudgements);
        if (section.ToolSection is { } tool)
        {
            foreach (var q in tool.Questions)
            {
                if (posted.Questions.TryGetValue(q.Code, out var a)) questions[q.Code] = a;
                else questions.Remove(q.Code);
            }

            if (posted.SectionJudgements.TryGetValue(tool.Id, out var j)) judgements[tool.Id] = j;
            else judgements.Remove(tool.Id);
            return stored with { Questions = questions, SectionJudgements = judgements };
        }

        return stored with
        {
            Questions = questions,
            SectionJudgements = judgements,
            AgencyJudgement = posted.AgencyJudgement,
            PartnershipJudgement = posted.PartnershipJudgement,
            GoodPractice = posted.GoodPractice,
            OtherComments = posted.OtherComments,
        };
    }

    /// <summary>
    /// A fingerprint of one section's answers: the section form carries the one it was loaded with, so a save
    /// conflicts only when this section was really changed elsewhere in between.
    /// </summary>
    public static string Fingerprint(ToolAnswers answers, ReturnSection section)
    {
        var text = new StringBuilder();
        void Add(string? value) => text.Append(value?.Trim() is { Length: > 0 } v ? v : "").Append('\u001f');
        void AddJudgement(JudgementAnswer? j)
        {
            Add(j?.Grade?.ToString());
            Add(j?.Qualifier);
            Add(j?.Reason);
        }

        if (section.ToolSection is { } tool)
        {
            foreach (var q in tool.Questions.OrderBy(q => q.Order))
            {
                answers.Questions.TryGetValue(q.Code, out var a);
                Add(q.Code);
                Add(a?.Value);
                Add(string.Join('\u001e', a?.Values ?? []));
                Add(a?.Comment);
            }

            AddJudgement(answers.SectionJudgements.GetValueOrDefault(tool.Id));
        }
        else
        {
            AddJudgement(answers.AgencyJudgement);
            AddJudgement(answers.PartnershipJudgement);
            Add(answers.GoodPractice);
            Add(answers.OtherComments);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
