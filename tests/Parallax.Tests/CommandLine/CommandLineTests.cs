using Parallax.CommandLine;

namespace Parallax.Tests.CommandLine;

/// <summary>The admin commands, run in-process exactly as the executable runs them, on real databases.</summary>
public abstract class CommandLineTests(DatabaseProvider provider) : OwnDatabaseTests(provider)
{
    [Fact]
    public async Task Migrate_EmptyDatabase_Succeeds()
    {
        var result = await Run("migrate");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith("Migrated ", result.Output);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Demo_RunTwice_LoadsOnceAndPrintsPasswordsOnlyTheFirstTime()
    {
        var first = await Run("demo");
        var second = await Run("demo");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"admin@{DemoPartnership.EmailDomain}", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already exist", second.Output);
        var agencies = (await Run("agency", "list")).Lines;
        Assert.Equal(DemoPartnership.Agencies.Count, agencies.Count);
        Assert.InRange(agencies.Count, 15, 20);
        Assert.Equal(DemoPartnership.Accounts.Count, (await Run("user", "list")).Lines.Count);
    }

    [Fact]
    public async Task Demo_AddsAnAuditWithReturnsOpenAndAnEarlierOneFullyReturned()
    {
        Assert.Equal(0, (await Run("demo")).ExitCode);

        await using var services = Database.CommandServices(Parallax.Core.AuditTrail.AuditActor.System);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
        var today = scope.ServiceProvider.GetRequiredService<Parallax.Core.Calendar.PartnershipCalendar>().Today;
        var open = await db.Audits.SingleAsync(a => a.Title == DemoAudits.OpenTitle);
        Assert.Equal(Parallax.Core.Audits.AuditStatus.ReturnsOpen, open.Status);
        Assert.Equal(8, await db.AuditCases.CountAsync(ac => ac.AuditId == open.Id));
        var requests = await db.ReturnRequests.Where(r => r.AuditId == open.Id).ToListAsync();
        Assert.InRange(requests.Count, 25, 35);
        Assert.True(requests.Select(r => r.AgencyId).Distinct().Count() >= 8);
        Assert.Contains(requests, r => r.Status == ReturnStatus.Submitted);
        Assert.Contains(requests, r => r.Status == ReturnStatus.InProgress && r.DueOn < today);
        Assert.Contains(requests, r => r.Status == ReturnStatus.Requested && r.DueOn < today);
        Assert.Contains(requests, r => r.Status == ReturnStatus.ExtensionGranted && r.DueOn > today);
        Assert.Single(requests, r => r.Status == ReturnStatus.NotKnownToAgency);

        var earlier = await db.Audits.SingleAsync(a => a.Title == DemoAudits.EarlierTitle);
        Assert.All(await db.ReturnRequests.Where(r => r.AuditId == earlier.Id).ToListAsync(), r => Assert.Equal(ReturnStatus.Submitted, r.Status));
        // Submitted returns hold answers a reader can use later: every one has its section judgements.
        Assert.True(await db.AuditReturns.Where(r => r.SubmittedAt != null).AllAsync(r => r.Judgements.Any()));
        // The earlier audit has had its panel: every case judged, a query closed and one open, findings.
        Assert.Equal(4, await db.PanelCaseRecords.CountAsync(p => p.AuditId == earlier.Id && p.AgreedGrade != null));
        Assert.Equal(3, await db.Findings.CountAsync(f => f.AuditId == earlier.Id));
        var stats = await Run("audit", "stats", earlier.Id.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(stats.Output);
        var judged = json.RootElement.GetProperty("caseJudgements");
        Assert.Equal((3, 1, 0), (judged.GetProperty("RequiresImprovement").GetInt32(), judged.GetProperty("Good").GetInt32(), judged.GetProperty("NotJudged").GetInt32()));
        Assert.Equal(100, json.RootElement.GetProperty("returns").GetProperty("responseRatePct").GetInt32());
    }

    [Fact]
    public async Task AgencyList_PrintsTheCodeFirstOnEachLine()
    {
        await Run("demo");

        var lines = (await Run("agency", "list")).Lines;

        var police = Assert.Single(lines, l => l.StartsWith("POL\t", StringComparison.Ordinal));
        Assert.Equal(["POL", "Northmoor and Fellside Police", "Police"], police.Split('\t'));
    }

    [Fact]
    public async Task UserAdd_PasswordFromStandardInput_CanBeListedWithItsRoleAndAgency()
    {
        await Run("demo");

        var add = await RunWithInput("kestrel-harbour-velvet-pine\n", "user", "add", "--email", "new.auditor@example.org", "--role", "agencyauditor", "--agency", "sms");

        Assert.Equal(0, add.ExitCode);
        var line = Assert.Single((await Run("user", "list")).Lines, l => l.StartsWith("new.auditor@example.org\t", StringComparison.Ordinal));
        Assert.Equal(["new.auditor@example.org", "AgencyAuditor", "SMS", "-", "active", "never"], line.Split('\t'));
    }

    [Fact]
    public async Task ToolExportThenImport_AddsAnIdenticalToolUnderAFreeName()
    {
        await Run("demo");
        var tools = (await Run("tool", "list")).Lines;
        Assert.Equal(3, tools.Count);
        var trio = tools.Single(l => l.Contains("Trigger trio")).Split('\t');
        var file = Path.Combine(Path.GetTempPath(), $"parallax-tool-{Guid.NewGuid():N}.json");
        try
        {
            Assert.Equal(0, (await Run("tool", "export", trio[0], "--out", file)).ExitCode);
            var imported = await Run("tool", "import", file);

            Assert.Equal(0, imported.ExitCode);
            Assert.EndsWith("\tTrigger trio: outcomes for the child (2)\tv1", imported.Output.Trim());
            var copyId = imported.Output.Split('\t')[0];
            var again = file + ".again.json";
            await Run("tool", "export", copyId, "--out", again);
            const string name = "\"name\": \"Trigger trio: outcomes for the child";
            Assert.Equal((await File.ReadAllTextAsync(file)).Replace(name + "\"", name + " (2)\""), await File.ReadAllTextAsync(again));
            File.Delete(again);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ToolImport_BadFile_FailsWithTheJsonPathAndAddsNothing()
    {
        await Run("demo");
        var file = Path.Combine(Path.GetTempPath(), $"parallax-tool-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"schemaVersion":1,"name":"X","sections":[{"title":"S","questions":[{"code":"Q1","text":"t","kind":"slider"}]}]}""");
        try
        {
            var result = await Run("tool", "import", file);

            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("$.sections[0].questions[0].kind: unknown question kind", Assert.Single(result.ErrorLines));
            Assert.Equal(3, (await Run("tool", "list")).Lines.Count);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task UserAdd_DuplicateEmail_FailsWithOneSentenceAndKeepsTheFirst()
    {
        await Run("demo");
        await RunWithInput("kestrel-harbour-velvet-pine\n", "user", "add", "--email", "twice@example.org", "--role", "Viewer");

        var again = await RunWithInput("another-long-passphrase\n", "user", "add", "--email", "twice@example.org", "--role", "AuditLead");

        Assert.Equal(1, again.ExitCode);
        Assert.Equal("A user with the e-mail address twice@example.org already exists.", again.Error.Trim());
        var line = Assert.Single((await Run("user", "list")).Lines, l => l.StartsWith("twice@example.org", StringComparison.Ordinal));
        Assert.Contains("\tViewer\t", line);
    }

    [Fact]
    public async Task UserAdd_UnknownRole_IsBadUsage()
    {
        var result = await RunWithInput("kestrel-harbour-velvet-pine\n", "user", "add", "--email", "x@example.org", "--role", "Superuser");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown role \"Superuser\"", result.Error);
    }

    [Theory]
    // An auditor without an agency.
    [InlineData("kestrel-harbour-velvet-pine\n", "AgencyAuditor", "must belong to an agency")]
    // A password shorter than the rule.
    [InlineData("short\n", "Viewer", "at least 12 characters")]
    public async Task UserAdd_Refused_FailsWithTheReasonAndAddsNobody(string password, string role, string reason)
    {
        await Run("demo");

        var result = await RunWithInput(password, "user", "add", "--email", "x@example.org", "--role", role);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reason, result.Error);
        Assert.DoesNotContain((await Run("user", "list")).Lines, l => l.StartsWith("x@example.org", StringComparison.Ordinal));
    }
}

public sealed class CommandLineTestsSqlite() : CommandLineTests(DatabaseProvider.Sqlite);

public sealed class CommandLineTestsPostgres() : CommandLineTests(DatabaseProvider.Postgres);

/// <summary>Failures that do not depend on a working database.</summary>
public class CommandLineFailureTests
{
    /// <summary>Runs the command, expects it to fail (exit code 1) with one line on standard error, and returns that line.</summary>
    private static async Task<string> OneErrorLineAsync(string[] args, string input = "")
    {
        var result = await CommandResult.RunAsync(args, input);

        Assert.Equal(1, result.ExitCode);
        return Assert.Single(result.ErrorLines);
    }

    [Fact]
    public async Task MalformedDb_FailsWithOneSentenceAndNoStackTrace()
    {
        var line = await OneErrorLineAsync(["migrate", "--db", "Data Source=x.db;Colour=blue"]);

        Assert.StartsWith("The SQLite connection string is not valid:", line);
        Assert.DoesNotContain(" at ", line);
    }

    [Fact]
    public async Task UnreachablePostgres_FailsWithOneSentence()
    {
        var line = await OneErrorLineAsync(["migrate", "--provider", "postgres", "--db", "Host=127.0.0.1;Port=1;Database=parallax;Username=parallax;Timeout=3"]);

        Assert.StartsWith("Cannot reach the PostgreSQL server at 127.0.0.1:1", line);
    }

    [Fact]
    public async Task UnwritableDataFolder_FailsWithOneSentence()
    {
        // /proc refuses new folders even to root, so this holds whoever runs the tests.
        var line = await OneErrorLineAsync(["migrate", "--db", "/proc/parallax-test/data/parallax.db"]);

        Assert.StartsWith("Cannot create the data folder /proc/parallax-test/data", line);
    }

    [Fact]
    public async Task ReadOnlyDatabaseFile_FailsAndLeavesItUnchanged()
    {
        await using var database = new SqliteTestDatabase();
        Assert.Equal(0, (await CommandResult.RunAsync(["demo", "--db", database.File])).ExitCode);
        var before = await File.ReadAllBytesAsync(database.File);
        var readOnly = $"Data Source={database.File};Mode=ReadOnly";

        var line = await OneErrorLineAsync(["user", "add", "--db", readOnly, "--email", "ro@example.org", "--role", "Viewer"], "kestrel-harbour-velvet-pine\n");

        Assert.Contains("read-only", line);
        Assert.Equal(before, await File.ReadAllBytesAsync(database.File));
    }

    [Fact]
    public async Task UnknownProvider_FailsWithOneSentence()
    {
        var line = await OneErrorLineAsync(["migrate", "--provider", "oracle"]);

        Assert.Equal("Unknown database provider \"oracle\": use sqlite or postgres.", line);
    }

    [Theory]
    [InlineData("user", "delete", "--email", "x@example.org")]
    [InlineData("frobnicate")]
    [InlineData("migrate", "--colour", "blue")]
    public async Task UnknownCommandOrOption_IsBadUsage(params string[] args)
    {
        var result = await CommandResult.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--help", result.Error);
    }

    [Theory]
    [InlineData("--db", "x.db", "reveiw", "list")]
    [InlineData("--provider", "sqlite", "--db", "x.db", "frobnicate")]
    [InlineData("--verbose", "reviews")]
    [InlineData("--db=x.db", "usr", "list")]
    public async Task MistypedCommandAfterTheGlobalOptions_IsBadUsage_AndNeverStartsTheServer(params string[] args)
    {
        // Were the server started, this would not return: the wait turns a hang into a failure.
        var result = await CommandResult.RunAsync(args).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(args.First(a => !a.StartsWith('-') && a is not ("x.db" or "sqlite")), result.Error);
        Assert.Contains("--help", result.Error);
    }

    [Theory]
    [InlineData(new string[0], new[] { "serve" })]
    [InlineData(new[] { "--db", "x.db", "review", "list" }, new[] { "--db", "x.db", "review", "list" })]
    [InlineData(new[] { "--provider", "postgres", "--db", "Host=db", "--environment", "Development" }, new[] { "serve", "--provider", "postgres", "--db", "Host=db", "--environment", "Development" })]
    [InlineData(new[] { "--verbose", "--no-demo" }, new[] { "serve", "--verbose", "--no-demo" })]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5099" }, new[] { "serve", "--urls", "http://127.0.0.1:5099" })]
    [InlineData(new[] { "migrate", "--db", "x.db" }, new[] { "migrate", "--db", "x.db" })]
    [InlineData(new[] { "--db", "x.db", "demo" }, new[] { "--db", "x.db", "demo" })]
    [InlineData(new[] { "--help" }, new[] { "--help" })]
    [InlineData(new[] { "frobnicate" }, new[] { "frobnicate" })]
    public void WithDefaultCommand_NoCommandMeansServe(string[] args, string[] expected)
    {
        Assert.Equal(expected, ParallaxCommandLine.WithDefaultCommand(args));
    }
}

public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static async Task<CommandResult> RunAsync(string[] args, string input = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ParallaxCommandLine.RunAsync(args, new StringReader(input), output, error);
        return new CommandResult(exitCode, output.ToString(), error.ToString());
    }
}
