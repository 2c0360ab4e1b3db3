namespace Parallax.Core;

/// <summary>
/// Something a person asked for that the rules refuse, with the sentence to show them and, when the problem is in
/// one form field, that field's name. Pages put it in the error summary (by hand where they re-show the form,
/// otherwise <c>Parallax.Web.DomainExceptionFilter</c> does); it is never a 500.
/// </summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    /// <summary>The form field the problem is in, or "" when it is about the whole form.</summary>
    public string Field { get; } = field ?? "";

    /// <summary>Every problem found, each with its field, so a form can list them all in its error summary at once.</summary>
    public virtual IReadOnlyList<(string Field, string Message)> Problems => [(Field, Message)];
}

/// <summary>Several problems with one form, found together: shown all at once rather than one per submit.</summary>
public sealed class DomainProblemsException(IReadOnlyList<(string Field, string Message)> problems)
    : DomainException(problems[0].Message, problems[0].Field)
{
    public override IReadOnlyList<(string Field, string Message)> Problems { get; } = problems;

    /// <summary>Throws when there is any problem: one as a plain <see cref="DomainException"/>, more as this.</summary>
    public static void ThrowIfAny(IReadOnlyList<(string Field, string Message)> problems)
    {
        if (problems.Count == 1) throw new DomainException(problems[0].Message, problems[0].Field);
        if (problems.Count > 1) throw new DomainProblemsException(problems);
    }
}

/// <summary>
/// Someone else saved the record since the form was read (its version differs): nothing was saved, and the form is
/// shown again with what is stored now, so the next save is made knowingly.
/// </summary>
public sealed class EditConflictException(string message, string? field = null) : DomainException(message, field);

/// <summary>The record asked for does not exist, or is not within the caller's reach: both are "not found".</summary>
public sealed class RecordNotFoundException(string message = "That record does not exist.") : Exception(message);
