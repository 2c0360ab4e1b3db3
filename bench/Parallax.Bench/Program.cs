using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Parallax.Bench -- --filter '*'   (or scripts/bench, which also starts PostgreSQL)
BenchmarkSwitcher.FromAssembly(typeof(Parallax.Bench.AnalysisBenchmarks).Assembly).Run(args);
