namespace Parallax.Core.Reviews;

/// <summary>The text checks the review use cases share: a required or optional answer, trimmed, within its length.</summary>
internal static class ReviewText
{
    internal static string Required(string? value, string message, string field, int max)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) throw new DomainException(message, field);
        if (text.Length > max) throw new DomainException($"Must be {max:N0} characters or fewer", field);
        return text;
    }

    internal static string? Optional(string? value, int max, string field)
    {
        var text = value?.Trim() ?? "";
        if (text.Length > max) throw new DomainException($"Must be {max:N0} characters or fewer", field);
        return text.Length == 0 ? null : text;
    }
}
