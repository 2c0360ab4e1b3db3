namespace Parallax.Features.AgencyReturns;

/// <summary>An agency's own returns: its agency auditors.</summary>
public static class Conventions
{
    public static void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/AgencyReturns", Policies.AgencyAuditor);
        conventions.LoadRecords("/AgencyReturns", Records.AgencyReturn);
    }
}
