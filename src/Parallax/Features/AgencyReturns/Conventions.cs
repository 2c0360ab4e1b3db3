using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Parallax.Web;

namespace Parallax.Features.AgencyReturns;

/// <summary>An agency's own returns: its agency auditors.</summary>
public static class Conventions
{
    public static void Apply(PageConventionCollection conventions) => conventions.AuthorizeFolder("/AgencyReturns", Policies.AgencyAuditor);
}
