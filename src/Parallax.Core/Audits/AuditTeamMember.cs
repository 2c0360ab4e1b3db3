namespace Parallax.Core.Audits;

/// <summary>What someone does on an audit; leads and coordinators receive the daily digest.</summary>
public enum AuditTeamRole
{
    Lead,
    Coordinator,
    PanelChair,
    PanelMember,
    QualityAssurance,
}

public class AuditTeamMember : Entity
{
    public Guid AuditId { get; set; }

    public Guid UserId { get; set; }

    public AuditTeamRole Role { get; set; }

    public static string Describe(AuditTeamRole role) => role switch
    {
        AuditTeamRole.Lead => "Audit lead",
        AuditTeamRole.Coordinator => "Coordinator",
        AuditTeamRole.PanelChair => "Panel chair",
        AuditTeamRole.PanelMember => "Panel member",
        AuditTeamRole.QualityAssurance => "Quality assurance",
        _ => role.ToString(),
    };
}
