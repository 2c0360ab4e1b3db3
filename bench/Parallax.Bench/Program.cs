using BenchmarkDotNet.Running;

namespace Parallax.Bench;

/// <summary>
/// dotnet run -c Release --project bench/Parallax.Bench -- --filter '*'   (or scripts/bench, which also starts PostgreSQL).
/// Not top-level statements: those would make a second <c>Program</c>, hiding the web host's.
/// </summary>
public static class BenchProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
}
