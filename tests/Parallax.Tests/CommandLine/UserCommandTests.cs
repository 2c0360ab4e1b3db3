namespace Parallax.Tests.CommandLine;

/// <summary>`user invite`, `disable`, `enable`, `unlock`, `reset-two-factor` and `user list` with status, on an installation without the demo.</summary>
public abstract class UserCommandTests(DatabaseProvider provider) : OwnDatabaseTests(provider)
{
    private async Task<string[]> LineOfAsync(string email) =>
        Assert.Single((await Run("user", "list")).Lines, l => l.StartsWith(email + "\t", StringComparison.Ordinal)).Split('\t');

    [Fact]
    public async Task TheLifecycle_FromInvitationToLeaver_WithStatusInTheList()
    {
        Assert.Equal(0, (await Run("partnership", "add", "--name", "Northshire Safeguarding Children Partnership")).ExitCode);
        Assert.Equal(0, (await Run("agency", "add", "--code", "POL", "--name", "Northshire Police", "--type", "Police")).ExitCode);
        Assert.Equal(0, (await RunWithInput("kestrel-harbour-velvet-pine\n", "user", "add", "--email", "admin@northshire.example", "--role", "Administrator")).ExitCode);

        var invited = await Run("user", "invite", "--email", "pc.auditor@northshire.example", "--role", "AgencyAuditor", "--agency", "pol", "--name", "Pat Auditor");
        Assert.True(invited.ExitCode == 0, invited.Error);
        Assert.Equal(["pc.auditor@northshire.example", "AgencyAuditor", "POL", "-", "invited", "never"], await LineOfAsync("pc.auditor@northshire.example"));

        var again = await Run("user", "invite", "--email", "pc.auditor@northshire.example", "--role", "Viewer");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already has an account", again.Error);
        var noAgency = await Run("user", "invite", "--email", "x@northshire.example", "--role", "AgencyAuditor");
        Assert.Equal(1, noAgency.ExitCode);
        Assert.Contains("must belong to an agency", noAgency.Error);
        Assert.Equal(2, (await Run("user", "invite", "--email", "y@northshire.example", "--role", "Superuser")).ExitCode);
        Assert.Equal(2, (await Run("user", "list")).Lines.Count);

        var lastAdmin = await Run("user", "disable", "admin@northshire.example");
        Assert.Equal(1, lastAdmin.ExitCode);
        Assert.Contains("only active administrator", lastAdmin.Error);

        Assert.Equal(0, (await RunWithInput("kestrel-harbour-velvet-pine\n", "user", "add", "--email", "lead@northshire.example", "--role", "AuditLead")).ExitCode);
        Assert.Equal(0, (await Run("user", "disable", "lead@northshire.example")).ExitCode);
        Assert.Equal("deactivated", (await LineOfAsync("lead@northshire.example"))[4]);
        Assert.Equal(0, (await Run("user", "enable", "lead@northshire.example")).ExitCode);
        Assert.Equal("active", (await LineOfAsync("lead@northshire.example"))[4]);
        Assert.Equal(0, (await Run("user", "unlock", "lead@northshire.example")).ExitCode);
        Assert.Equal(0, (await Run("user", "reset-two-factor", "lead@northshire.example")).ExitCode);
        var unknown = await Run("user", "disable", "nobody@northshire.example");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Single(unknown.ErrorLines);
    }
}

public sealed class UserCommandTestsSqlite() : UserCommandTests(DatabaseProvider.Sqlite);

public sealed class UserCommandTestsPostgres() : UserCommandTests(DatabaseProvider.Postgres);
