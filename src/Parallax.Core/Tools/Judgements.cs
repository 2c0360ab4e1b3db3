using System.ComponentModel.DataAnnotations;

namespace Parallax.Core.Tools;

/// <summary>Ofsted's four-point scale, used per section, per agency and for the partnership.</summary>
public enum Grade
{
    [Display(Name = "Outstanding")] Outstanding = 1,
    [Display(Name = "Good")] Good = 2,
    [Display(Name = "Requires improvement")] RequiresImprovement = 3,
    [Display(Name = "Inadequate")] Inadequate = 4,
}

/// <summary>
/// A grade plus an optional qualifier, as partnerships write them ("Good with elements of RI").
/// Statistics use the base grade only.
/// </summary>
public sealed record CompoundJudgement(Grade Grade, string? Qualifier = null)
{
    /// <summary>"Good with elements of RI", "Good, elements of RI": a qualifier that starts with a comma or semicolon follows the grade without a space.</summary>
    public override string ToString() =>
        string.IsNullOrWhiteSpace(Qualifier) ? Grade.DisplayName()
        : Qualifier.Trim() is var q && (q[0] is ',' or ';') ? $"{Grade.DisplayName()}{q[0]} {q[1..].Trim()}"
        : $"{Grade.DisplayName()} {q}";
}

public static class GradeNames
{
    public static string DisplayName(this Grade grade) => grade switch
    {
        Grade.Outstanding => "Outstanding",
        Grade.Good => "Good",
        Grade.RequiresImprovement => "Requires improvement",
        Grade.Inadequate => "Inadequate",
        _ => grade.ToString(),
    };

    public static readonly IReadOnlyList<(Grade Grade, string Meaning)> Scale =
    [
        (Grade.Outstanding, "Practice that is significantly above the standards for own and multi-agency working"),
        (Grade.Good, "Practice that consistently meets the standards for own and multi-agency working"),
        (Grade.RequiresImprovement, "Practice that is inconsistent in meeting the standards for own and multi-agency working"),
        (Grade.Inadequate, "Practice that fails to meet the standards for own and multi-agency working"),
    ];
}
