namespace Parallax.Core.Agencies;

/// <summary>
/// The agencies that typically return audits (the glossary's list), each with a usual short code and whether it works
/// with adults: what "start from the standard list" offers to pick from.
/// </summary>
public static class StandardAgencies
{
    public sealed record Entry(AgencyType Type, string Code, bool WorksWithAdults);

    public static readonly IReadOnlyList<Entry> List =
    [
        new(AgencyType.ChildrensSocialCare, "CSC", false),
        new(AgencyType.EarlyHelp, "EH", false),
        new(AgencyType.Police, "POL", true),
        new(AgencyType.HealthVisiting, "HV", false),
        new(AgencyType.Midwifery, "MAT", true),
        new(AgencyType.GeneralPractice, "GP", true),
        new(AgencyType.AcuteHospital, "HOSP", true),
        new(AgencyType.Camhs, "CAMHS", false),
        new(AgencyType.AdultMentalHealth, "AMH", true),
        new(AgencyType.SubstanceMisuse, "SMS", true),
        new(AgencyType.Education, "EDU", false),
        new(AgencyType.Probation, "PROB", true),
        new(AgencyType.Housing, "HSG", true),
        new(AgencyType.DomesticAbuseService, "DA", true),
        new(AgencyType.YouthJustice, "YJS", false),
        new(AgencyType.AdultSocialCare, "ASC", true),
        new(AgencyType.Ambulance, "AMB", true),
        new(AgencyType.FireAndRescue, "FRS", true),
        new(AgencyType.Voluntary, "VCS", false),
    ];
}
