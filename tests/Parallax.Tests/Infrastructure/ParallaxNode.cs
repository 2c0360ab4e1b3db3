using System.Net.Sockets;

namespace Parallax.Tests.Infrastructure;

/// <summary>
/// A real <c>Parallax serve</c> process on a free loopback port, started from the test's own build output
/// (as an operator runs it), with its own home folder as if on its own machine. Stopped on dispose.
/// </summary>
public sealed class ParallaxNode : IAsyncDisposable
{
    private readonly Process process;

    private ParallaxNode(Process process, Uri address, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        this.process = process;
        Address = address;
        Output = output;
    }

    public Uri Address { get; }

    /// <summary>What the server printed on standard output (the set-up link of an empty installation, for one).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; }

    public static async Task<ParallaxNode> StartAsync(TestDatabase database, string folder, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Parallax.dll"), "serve", "--provider", database.ProviderName, "--db", database.ConnectionString, "--no-demo", "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Parallax__Mail__Folder"] = Path.Combine(folder, "mail");
        start.Environment["Parallax__RateLimits__SignInPerMinute"] = "1000";
        // Its own home folder, as on its own machine: nothing is shared through ~/.aspnet, only the database.
        start.Environment["HOME"] = Directory.CreateDirectory(Path.Combine(folder, $"home-{port}")).FullName;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        System.Collections.Concurrent.ConcurrentQueue<string> output = new();
        process.OutputDataReceived += (_, line) => { if (line.Data is { } text) output.Enqueue(text); };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new ParallaxNode(process, address, output);

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await probe.GetAsync(new Uri(address, "/health"))).StatusCode == HttpStatusCode.OK) return node;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (process.HasExited)
            {
                await node.DisposeAsync();
                throw new InvalidOperationException($"The node on {address} exited before answering.");
            }

            await Task.Delay(500);
        }

        await node.DisposeAsync();
        throw new TimeoutException($"The node on {address} did not answer /health within a minute.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
