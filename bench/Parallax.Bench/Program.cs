using BenchmarkDotNet.Running;
using Microsoft.Extensions.DependencyInjection;

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

        // scripts/bench-load: the load test against a real server process (not a BenchmarkDotNet benchmark).
        if (args is ["--load", var connection, var users, var seconds, var thinkMs])
        {
            var number = System.Globalization.CultureInfo.InvariantCulture;
            Environment.Exit(LoadTest.RunAsync(connection, int.Parse(users, number), TimeSpan.FromSeconds(int.Parse(seconds, number)), TimeSpan.FromMilliseconds(int.Parse(thinkMs, number))).GetAwaiter().GetResult());
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
    }
}
