namespace Parallax.Core;

/// <summary>
/// The stated limit for each kind of text people write (decision 0018): checked by the application with a
/// sentence, before the database sees it, so SQLite (which would keep any length) and PostgreSQL (which refuses
/// past a column's length) hold exactly the same text and a package from one imports into the other.
/// </summary>
public static class TextLimits
{
    /// <summary>One line: a judgement's qualifier, a name, a title.</summary>
    public const int Line = 200;

    /// <summary>What a person writes about a case: an answer in words, a comment, a judgement's reason, good practice, other comments.</summary>
    public const int Narrative = 8_000;

    /// <summary>
    /// One section of a report the partnership writes (an audit report's section, a review's analysis): sized for the
    /// longest published sections (a review's analysis of about 37,000 characters, a thematic analysis of 17,000), the
    /// same on both providers (decision 0045).
    /// </summary>
    public const int Section = 100_000;

    /// <summary>The sentence for text over its limit, in GOV.UK wording.</summary>
    public static string TooLong(string what, int limit, int length) =>
        $"{what} must be {limit:N0} characters or fewer; it has {length:N0}";
}

