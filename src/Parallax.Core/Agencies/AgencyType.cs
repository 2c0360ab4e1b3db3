using System.ComponentModel.DataAnnotations;

namespace Parallax.Core.Agencies;

/// <summary>The kinds of agency that return multi-agency audits (GLOSSARY.md, "Agencies that typically return audits").</summary>
public enum AgencyType
{
    [Display(Name = "Children's social care")] ChildrensSocialCare,
    [Display(Name = "Early Help / family service")] EarlyHelp,
    [Display(Name = "Police")] Police,
    [Display(Name = "Health visiting and school nursing (0-19)")] HealthVisiting,
    [Display(Name = "Midwifery / maternity")] Midwifery,
    [Display(Name = "GP / primary care")] GeneralPractice,
    [Display(Name = "Acute hospital trust")] AcuteHospital,
    [Display(Name = "CAMHS")] Camhs,
    [Display(Name = "Adult mental health")] AdultMentalHealth,
    [Display(Name = "Adult substance misuse service")] SubstanceMisuse,
    [Display(Name = "Education")] Education,
    [Display(Name = "Probation")] Probation,
    [Display(Name = "Housing")] Housing,
    [Display(Name = "Domestic abuse service")] DomesticAbuseService,
    [Display(Name = "Youth justice")] YouthJustice,
    [Display(Name = "Adult social care")] AdultSocialCare,
    [Display(Name = "Ambulance service")] Ambulance,
    [Display(Name = "Fire and rescue service")] FireAndRescue,
    [Display(Name = "Voluntary and community sector")] Voluntary,
    [Display(Name = "Other")] Other,
}

public static class AgencyTypeNames
{
    public static string DisplayName(this AgencyType type) =>
        typeof(AgencyType).GetField(type.ToString())!
            .GetCustomAttributes(typeof(DisplayAttribute), false)
            .OfType<DisplayAttribute>()
            .Select(a => a.Name)
            .FirstOrDefault() ?? type.ToString();
}
