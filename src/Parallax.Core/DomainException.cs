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
}

/// <summary>The record asked for does not exist, or is not within the caller's reach: both are "not found".</summary>
public sealed class RecordNotFoundException(string message = "That record does not exist.") : Exception(message);
