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

    public static string Describe(Parallax.Core.Returns.ReturnStatus status) => status switch
    {
        Parallax.Core.Returns.ReturnStatus.Draft => "Not sent",
        Parallax.Core.Returns.ReturnStatus.Requested => "Requested",
        Parallax.Core.Returns.ReturnStatus.InProgress => "In progress",
        Parallax.Core.Returns.ReturnStatus.Submitted => "Submitted",
        Parallax.Core.Returns.ReturnStatus.NotKnownToAgency => "Not known",
        Parallax.Core.Returns.ReturnStatus.NoReturn => "No return",
        Parallax.Core.Returns.ReturnStatus.ExtensionGranted => "Extended",
        _ => status.ToString(),
    };
}
