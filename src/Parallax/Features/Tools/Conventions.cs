using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Parallax.Web;

namespace Parallax.Features.Tools;

/// <summary>Designing audit tools: audit leads (and administrators).</summary>
public static class Conventions
{
    public static void Apply(PageConventionCollection conventions) => conventions.AuthorizeFolder("/Tools", Policies.AuditLead);
}
