namespace Parallax.Features.Audits;

/// <summary>
/// An audit's steps. Running them is the leads' work; two pages serve more people and check the record
/// themselves: a case's compiled returns (<c>Collation</c>, read by panel members and the agencies that
/// sent a return) and the panel member's own list of cases (<c>Panel/MyCases</c>).
/// </summary>
public static class Conventions
{
    /// <summary>Step folders whose every page is the leads'.</summary>
    public static readonly string[] LeadFolders =
        ["/Audits/Plan", "/Audits/Sample", "/Audits/Requests", "/Audits/Findings", "/Audits/Analysis", "/Audits/Report"];

    public static void Apply(PageConventionCollection conventions)
    {
        foreach (var folder in LeadFolders) conventions.AuthorizeFolder(folder, Policies.AuditLead);
        conventions.AuthorizePage("/Audits/Index", Policies.AuditLead);
        conventions.AuthorizePage("/Audits/ImportPackage", Policies.AuditLead);
        conventions.AuthorizePage("/Audits/Panel/Meeting", Policies.AuditLead);
        conventions.AuthorizePage("/Audits/Panel/Case", Policies.AuditLead);
        conventions.AuthorizePage("/Audits/Panel/MyCases", Policies.PanelCases);
        conventions.LoadRecords("/Audits", Records.Audit, Records.CaseOfAudit, Records.RequestOfAudit);
        // Editing a case is the adding page with the case's id. AddPageRoute would make the edit route the page's only one for links,
        // so a link with no case could not be made. Here both make links: the edit route is tried first (Order), so a link with a
        // caseId gets it and one without falls back to ".../cases/new". No address matches both, so requests route as before.
        conventions.AddPageRouteModelConvention("/Audits/Sample/AddCase", page => page.Selectors.Add(new SelectorModel
        {
            AttributeRouteModel = new AttributeRouteModel { Template = "audits/{id:guid}/cases/{caseId:guid}/edit", Order = -1 },
        }));
    }
}
