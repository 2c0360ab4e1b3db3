namespace Parallax.Core.Returns;

/// <summary>One agency's answers for one case: a draft until submitted, then read-only to the agency.</summary>
public class AuditReturn : IVersioned
{
    /// <summary>The request this return answers (one return per request).</summary>
    public Guid Id { get; set; }

    public DateTimeOffset LastSavedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? SubmittedBy { get; set; }

    public string? GoodPractice { get; set; }

    public string? OtherComments { get; set; }

    /// <summary>Set when the auditor confirmed that text flagged as identifying is not (recorded for the audit trail).</summary>
    public bool IdentifiersConfirmedFalsePositive { get; set; }

    /// <summary>
    /// How many Yes, No and N/A answers the return held when it was submitted; null while it is a draft.
    /// Kept so that figures over a partnership's years of audits add up returns, not millions of answers.
    /// </summary>
    public int? YesCount { get; set; }

    public int? NoCount { get; set; }

    public int? NotApplicableCount { get; set; }

    public List<ReturnAnswer> Answers { get; set; } = [];

    public List<ReturnJudgement> Judgements { get; set; } = [];

    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Records the submission and the answer counts it fixes.</summary>
    public void MarkSubmitted(DateTimeOffset at, string? by, IEnumerable<ReturnAnswer> answers)
    {
        SubmittedAt = at;
        SubmittedBy = by;
        var values = answers.Select(a => a.Value).ToList();
        YesCount = values.Count(v => v == AnswerFields.Yes);
        NoCount = values.Count(v => v == AnswerFields.No);
        NotApplicableCount = values.Count(v => v == AnswerFields.NotApplicable);
    }

    /// <summary>Back to a draft: no longer counted.</summary>
    public void MarkReopened()
    {
        SubmittedAt = null;
        SubmittedBy = null;
        YesCount = NoCount = NotApplicableCount = null;
    }
}

/// <summary>One answer, stored as a row so that later statistics can be computed in the database.</summary>
public class ReturnAnswer : Entity
{
    public Guid ReturnId { get; set; }

    public Guid QuestionId { get; set; }

    public required string Code { get; set; }

    public string? Value { get; set; }

    public List<string> Values { get; set; } = [];

    public string? Comment { get; set; }
}

public enum JudgementScope
{
    Section,
    Agency,
    Partnership,
}

public class ReturnJudgement : Entity
{
    public Guid ReturnId { get; set; }

    public JudgementScope Scope { get; set; }

    /// <summary>The judged section, for <see cref="JudgementScope.Section"/>.</summary>
    public Guid? SectionId { get; set; }

    public Grade? Grade { get; set; }

    public string? Qualifier { get; set; }

    public string? Reason { get; set; }
}
