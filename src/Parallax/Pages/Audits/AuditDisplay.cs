using Parallax.Core.Audits;

namespace Parallax.Pages.Audits;

public static class AuditDisplay
{
    public static string Describe(AuditStatus status) => status switch
    {
        AuditStatus.Planning => "Planning",
        AuditStatus.ReturnsOpen => "Returns open",
        AuditStatus.Panel => "Panel",
        AuditStatus.Reporting => "Reporting",
        AuditStatus.Actions => "Actions",
        AuditStatus.Closed => "Closed",
        _ => status.ToString(),
    };
}
