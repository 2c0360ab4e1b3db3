using Parallax.CommandLine;

return await ParallaxCommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);

/// <summary>The entry point; named so WebApplicationFactory can find the host.</summary>
public partial class Program;
