namespace Parallax.Core.AuditTrail;

public sealed record AuditActor(string Id, string Name, Guid? PartnershipId = null)
{
    public static readonly AuditActor System = new("system", "system");

    public static AuditActor CommandLine() => new($"cli:{Environment.UserName}", $"command line ({Environment.UserName})");
}

/// <summary>Who is making the change now: the signed-in user on the web, the operator on the command line.</summary>
public interface IAuditActorAccessor
{
    AuditActor Current { get; }
}

public sealed class FixedAuditActorAccessor(AuditActor actor) : IAuditActorAccessor
{
    public AuditActor Current { get; } = actor;
}
