namespace Parallax.Features.AgencyChronologies;

/// <summary>An agency's own chronologies for practice reviews: its agency auditors.</summary>
public static class Conventions
{
    public static void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/AgencyChronologies", Policies.AgencyAuditor);
        conventions.LoadRecords("/AgencyChronologies", Records.AgencyChronology);
    }
}
