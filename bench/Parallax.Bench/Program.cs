using BenchmarkDotNet.Running;

namespace Parallax.Bench;

/// <summary>
/// dotnet run -c Release --project bench/Parallax.Bench -- --filter '*'   (or scripts/bench, which also starts PostgreSQL).
/// Not top-level statements: those would make a second <c>Program</c>, hiding the web host's.
/// </summary>
public static class BenchProgram
{
    public static void Main(string[] args)
    {
        // scripts/bench-report-cold: make the benchmark audit in a SQLite file and print its id, for timing the command line.
        if (args is ["--make-audit", var file])
        {
            using var services = AuditData.Services("sqlite", $"Data Source={file}");
            using var scope = services.CreateScope();
            var data = AuditData.CreateAsync(scope.ServiceProvider, cases: 10, agencies: 18, questions: 60).GetAwaiter().GetResult();
            Console.WriteLine(data.Audit);
            return;
        }

        // scripts/bench-size: ten partnerships on one installation, its crawl and its load test.
        if (args.Length >= 2 && args[0] == "--make-size")
        {
            var (provider, target) = SizeDatabase(args[1]);
            var audits = Option(args, "--audits", 100);
            var returns = Option(args, "--returns-per-audit", 100);
            SizeData.MakeAsync(provider, target, audits, returns).GetAwaiter().GetResult();
            return;
        }

        if (args.Length >= 2 && args[0] == "--crawl")
        {
            var (provider, target) = SizeDatabase(args[1]);
            Environment.Exit(SizeCrawl.RunAsync(provider, target, Option(args, "--times", 5), Text(args, "--pages")).GetAwaiter().GetResult());
        }

        if (args.Length >= 2 && args[0] == "--verify-trail")
        {
            var (provider, target) = SizeDatabase(args[1]);
            Environment.Exit(TrailVerify.RunAsync(provider, target, Option(args, "--times", 3)).GetAwaiter().GetResult());
        }

        if (args.Length >= 2 && args[0] == "--load-size")
        {
            var (provider, target) = SizeDatabase(args[1]);
            Environment.Exit(LoadTest.RunOnSizeAsync(provider, target, Option(args, "--users", 500), TimeSpan.FromSeconds(Option(args, "--seconds", 60)),
                TimeSpan.FromMilliseconds(Option(args, "--think-ms", 1000))).GetAwaiter().GetResult());
        }

        // scripts/bench-load: the load test against a real server process (not a BenchmarkDotNet benchmark).
        if (args is ["--load", var connection, var users, var seconds, var thinkMs])
        {
            var number = System.Globalization.CultureInfo.InvariantCulture;
            Environment.Exit(LoadTest.RunAsync(connection, int.Parse(users, number), TimeSpan.FromSeconds(int.Parse(seconds, number)), TimeSpan.FromMilliseconds(int.Parse(thinkMs, number))).GetAwaiter().GetResult());
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
    }

    private static string? Text(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>A file name is a SQLite database; a connection string naming a Host is PostgreSQL.</summary>
    private static (string Provider, string Connection) SizeDatabase(string target) =>
        target.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? ("postgres", target) : ("sqlite", target.Contains('=') ? target : $"Data Source={target}");

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
