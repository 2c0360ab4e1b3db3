namespace Parallax.Features.Tools;

/// <summary>Words for the designer's pages.</summary>
public static class ToolDisplay
{
    public static string Describe(QuestionKind kind) => kind switch
    {
        QuestionKind.YesNoNa => "Yes, no or not applicable, with a comment",
        QuestionKind.FreeText => "Text",
        QuestionKind.SingleChoice => "One choice from a list",
        QuestionKind.MultipleChoice => "Several choices from a list",
        QuestionKind.Date => "Date",
        QuestionKind.Number => "Number",
        _ => kind.ToString(),
    };

    public static string Describe(ToolSection section) => section.Applicability switch
    {
        SectionApplicability.AgenciesWorkingWithAdults => "Agencies providing services to adults",
        SectionApplicability.ListedAgencyTypes => string.Join(", ", section.AgencyTypes.Select(t => t.DisplayName())),
        _ => "All agencies",
    };

    public static string Describe(SectionScope scope) => scope == SectionScope.OncePerAgency
        ? "Once per agency, for all its cases"
        : "In each case's return";
}
