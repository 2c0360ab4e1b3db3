namespace Parallax.Core.Tools;

public sealed record ToolTemplate(string Key, string Summary, ToolDocument Document);

/// <summary>
/// The tools shipped with Parallax, kept as JSON beside this file and read through the same importer as any
/// uploaded tool: two transcribed from published partnership audits, and a short outcome-focused one.
/// </summary>
public static class ToolTemplates
{
    public static readonly IReadOnlyList<(string Key, string Summary)> Keys =
    [
        ("jtai-domestic-abuse", "Yes/No questions R1-R8, A1-A16, P1-P19, C1-C4 and W1-W2 with comments, a judgement per section, overall agency and partnership judgements (a JTAI-style domestic abuse audit)."),
        ("substance-misuse", "Open questions in six sections, judgements on three, a section for agencies working with adults, and a summary sheet per agency."),
        ("trigger-trio", "Six outcome-focused questions for cases where domestic abuse, parental substance misuse and parental mental ill health meet."),
    ];

    public static IReadOnlyList<ToolTemplate> All() => Keys.Select(k => new ToolTemplate(k.Key, k.Summary, Load(k.Key))).ToList();

    public static ToolTemplate? Find(string key) =>
        Keys.Any(k => k.Key == key) ? new ToolTemplate(key, Keys.Single(k => k.Key == key).Summary, Load(key)) : null;

    private static ToolDocument Load(string key)
    {
        using var stream = typeof(ToolTemplates).Assembly.GetManifestResourceStream($"Parallax.Core.Tools.Templates.{key}.json")
            ?? throw new InvalidOperationException($"The template {key} is not embedded.");
        return ToolInterchange.Parse(stream);
    }
}
