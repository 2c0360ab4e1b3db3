using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Parallax.Bench;

/// <summary>
/// The load test (not a BenchmarkDotNet benchmark): a real <c>Parallax serve</c> process on
/// loopback over PostgreSQL with the 10 × 18 × 60 audit; 50 virtual users, each signed in through the form,
/// requesting agency return pages (agency auditors) and the executive dashboard (viewers) as fast as they
/// are answered for a fixed time; then the same 50 on /health, for the throughput ratio. Prints latency
/// percentiles, errors and requests per second. Run by scripts/bench-load.
/// </summary>
public static partial class LoadTest
{
    private const string Password = "Load-test-password-1234";

    public static async Task<int> RunAsync(string connection, int users, TimeSpan duration, TimeSpan think)
    {
        using var services = AuditData.Services("postgres", connection);
        (Guid Partnership, Guid Audit, Guid FirstCase) data;
        using (var scope = services.CreateScope())
            data = await AuditData.CreateAsync(scope.ServiceProvider, cases: 10, agencies: 18, questions: 60);

        // Half the users are agency auditors (one per agency, reading their agency's returns), half are viewers.
        var accounts = new List<(string Email, List<string> Urls)>();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            var agencies = await db.Agencies.Where(a => a.PartnershipId == data.Partnership).OrderBy(a => a.Code).ToListAsync();
            for (var i = 0; i < users; i++)
            {
                var email = $"load{i}@benchshire.example";
                if (i % 2 == 0)
                {
                    var agency = agencies[(i / 2) % agencies.Count];
                    if (!await db.Users.AnyAsync(u => u.Email == $"auditor-{agency.Code}@benchshire.example"))
                        await administration.AddAsync(data.Partnership, $"auditor-{agency.Code}@benchshire.example", [Roles.AgencyAuditor], agency.Code, Password);
                    var returns = await db.ReturnRequests.Where(r => r.AuditId == data.Audit && r.AgencyId == agency.Id).Select(r => $"/returns/{r.Id}").ToListAsync();
                    accounts.Add(($"auditor-{agency.Code}@benchshire.example", returns));
                }
                else
                {
                    await administration.AddAsync(data.Partnership, email, [Roles.Viewer], null, Password);
                    accounts.Add((email, ["/dashboard"]));
                }
            }
        }

        return await RunServerAsync("postgres", connection, accounts, Password, users, duration, think);
    }

    /// <summary>
    /// Ten partnerships' deadline day on the installation <see cref="SizeData"/> made: the users spread evenly over its ten
    /// partnerships, half of them agency auditors on their agency's returns in the audits due today (several people per
    /// agency), half viewers on the executive dashboard. The extra auditors and viewers are added through user administration
    /// the first time (so a second run reuses them).
    /// </summary>
    public static async Task<int> RunOnSizeAsync(string provider, string connection, int users, TimeSpan duration, TimeSpan think)
    {
        using var services = AuditData.Services(provider, connection);
        var accounts = new List<(string Email, List<string> Urls)>();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            var existing = (await db.Users.Select(u => u.Email).ToListAsync()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < users; i++)
            {
                var p = i % SizeData.Partnerships;
                var k = i / SizeData.Partnerships;
                var partnership = await db.Partnerships.Where(x => x.Name == SizeData.PartnershipName(p)).Select(x => x.Id).SingleAsync();
                if (k % 2 == 0)
                {
                    var agency = 1 + (k / 2 % SizeData.Agencies);
                    var email = SizeData.Email(p, $"load-{k}-auditor-a{agency:D2}");
                    if (!existing.Contains(email!)) await administration.AddAsync(partnership, email!, [Roles.AgencyAuditor], SizeData.AgencyCode(agency), SizeData.Password);
                    var agencyId = await db.Agencies.Where(a => a.PartnershipId == partnership && a.Code == SizeData.AgencyCode(agency)).Select(a => a.Id).SingleAsync();
                    var open = await db.Audits.Where(a => a.PartnershipId == partnership && a.Status == Core.Audits.AuditStatus.ReturnsOpen).Select(a => a.Id).ToListAsync();
                    var returns = await db.ReturnRequests.Where(r => r.AgencyId == agencyId && open.Contains(r.AuditId))
                        .OrderBy(r => r.Id).Select(r => $"/returns/{r.Id}").ToListAsync();
                    accounts.Add((email!, returns));
                }
                else
                {
                    var email = SizeData.Email(p, $"load-{k}-viewer");
                    if (!existing.Contains(email!)) await administration.AddAsync(partnership, email!, [Roles.Viewer], null, SizeData.Password);
                    accounts.Add((email!, ["/dashboard"]));
                }
            }
        }

        Console.WriteLine($"{users} users over {SizeData.Partnerships} partnerships ({provider}); {accounts.Sum(a => a.Urls.Count(u => u.StartsWith("/returns/", StringComparison.Ordinal)))} return pages in their lists.");
        return await RunServerAsync(provider, connection, accounts, SizeData.Password, users, duration, think);
    }

    /// <summary>Starts <c>Parallax serve</c> over the database, signs every account in through the form, and runs the three phases.</summary>
    private static async Task<int> RunServerAsync(string provider, string connection, List<(string Email, List<string> Urls)> accounts, string password, int users, TimeSpan duration, TimeSpan think)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Parallax.dll"), "serve", "--provider", provider, "--db", connection, "--no-demo", "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Parallax__RateLimits__SignInPerMinute"] = "100000";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            var address = new Uri($"http://127.0.0.1:{port}");
            await WaitForHealthAsync(address);
            var clients = new List<(HttpClient Client, List<string> Urls)>();
            foreach (var (email, urls) in accounts) clients.Add((await SignInAsync(address, email, password), urls));

            // Warm-up: every page once.
            foreach (var (client, urls) in clients) foreach (var url in urls.Take(2)) (await client.GetAsync(url)).EnsureSuccessStatusCode();

            // 1. The target: 50 people at work, each pausing between pages (think time), p95 under 200 ms, no errors.
            var working = await PhaseAsync(clients, duration, think);
            Report($"People at work (think time {think.TotalMilliseconds:F0} ms)", users, duration, working);
            // 2. Capacity: the same users with no pause at all, then /health the same way, for the throughput ratio.
            var saturated = await PhaseAsync(clients, duration, TimeSpan.Zero);
            Report("Saturated (no think time)", users, duration, saturated);
            var health = await PhaseAsync([.. clients.Select(c => (c.Client, new List<string> { "/health" }))], duration, TimeSpan.Zero);
            Report("/health, saturated", users, duration, health);
            var dashboardRate = saturated.Count(r => r.Url == "/dashboard") / duration.TotalSeconds;
            var healthRate = health.Count / duration.TotalSeconds;
            var dashboardUsers = clients.Count(c => c.Urls.Contains("/dashboard"));
            Console.WriteLine($"Throughput at saturation: dashboard {dashboardRate:F0} req/s from {dashboardUsers} users, /health {healthRate:F0} req/s from {users}; per user, dashboard / health = {dashboardRate / dashboardUsers / (healthRate / users):F3}");
            foreach (var (client, _) in clients) client.Dispose();
            var p95 = Percentile([.. working.Select(r => r.Milliseconds)], 0.95);
            var errors = working.Count(r => !r.Ok) + saturated.Count(r => !r.Ok) + health.Count(r => !r.Ok);
            Console.WriteLine(p95 < 200 && errors == 0 ? $"PASS: p95 {p95:F0} ms with people at work, and no errors in any phase." : $"FAIL: p95 {p95:F0} ms, {errors} errors.");
            return p95 < 200 && errors == 0 ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }


    private sealed record Sample(string Url, double Milliseconds, bool Ok);

    private static async Task<List<Sample>> PhaseAsync(IReadOnlyList<(HttpClient Client, List<string> Urls)> clients, TimeSpan duration, TimeSpan think)
    {
        var samples = new System.Collections.Concurrent.ConcurrentBag<Sample>();
        var until = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((c, i) => Task.Run(async () =>
        {
            var n = i;
            // People do not all click at the same instant: spread the first requests over the think time.
            if (think > TimeSpan.Zero) await Task.Delay(think * i / clients.Count);
            while (until.Elapsed < duration)
            {
                var url = c.Urls[n++ % c.Urls.Count];
                var watch = Stopwatch.StartNew();
                var ok = false;
                try
                {
                    using var response = await c.Client.GetAsync(url);
                    await response.Content.ReadAsByteArrayAsync();
                    ok = response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                }

                samples.Add(new Sample(url.StartsWith("/returns/", StringComparison.Ordinal) ? "/returns/{id}" : url, watch.Elapsed.TotalMilliseconds, ok));
                if (think > TimeSpan.Zero) await Task.Delay(think);
            }
        })));
        return [.. samples];
    }

    private static void Report(string title, int users, TimeSpan duration, List<Sample> samples)
    {
        Console.WriteLine($"{title}: {users} users for {duration.TotalSeconds:F0} s");
        foreach (var group in samples.GroupBy(s => s.Url).OrderBy(g => g.Key))
        {
            var times = group.Select(s => s.Milliseconds).ToArray();
            Console.WriteLine($"  {group.Key,-16} {group.Count(),7} requests  {group.Count() / duration.TotalSeconds,7:F0} req/s  p50 {Percentile(times, 0.50),6:F1} ms  p95 {Percentile(times, 0.95),6:F1} ms  p99 {Percentile(times, 0.99),6:F1} ms  max {times.Max(),7:F1} ms  errors {group.Count(s => !s.Ok)}");
        }

        var all = samples.Select(s => s.Milliseconds).ToArray();
        Console.WriteLine($"  {"all",-16} {samples.Count,7} requests  {samples.Count / duration.TotalSeconds,7:F0} req/s  p50 {Percentile(all, 0.50),6:F1} ms  p95 {Percentile(all, 0.95),6:F1} ms  errors {samples.Count(s => !s.Ok)}");
    }

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0) return 0;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static async Task<HttpClient> SignInAsync(Uri address, string email, string password)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 4 }) { BaseAddress = address };
        var token = TokenPattern().Match(await client.GetStringAsync("/sign-in")).Groups[1].Value;
        var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}.");
        return client;
    }

    private static async Task WaitForHealthAsync(Uri address)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await probe.GetAsync(new Uri(address, "/health"))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The server did not answer /health within a minute.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
