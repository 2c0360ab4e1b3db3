namespace Parallax.Features.Tools;

/// <summary>Designing audit tools: audit leads (and administrators).</summary>
public static class Conventions
{
    public static void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Tools", Policies.AuditLead);
        conventions.LoadRecords("/Tools", Records.Tool, Records.SectionOfTool);
    }
}
