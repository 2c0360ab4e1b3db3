namespace Parallax.Bench;

/// <summary>
/// <c>--verify-trail FILE-or-CONNECTION [--times 3]</c>: where `audit-log verify` spends its time, in process (no start-up):
/// the events read with a plain data reader and nothing done with them, then read as strings, then the whole verify.
/// Prints events a second for each, and the whole verify's extrapolation to 3 million events.
/// </summary>
public static class TrailVerify
{
    public static async Task<int> RunAsync(string provider, string connection, int times)
    {
        using var services = AuditData.Services(provider, connection);
        for (var run = 1; run <= times; run++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ParallaxDbContext>();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            TimeSpan Cpu()
            {
                process.Refresh();
                var used = process.TotalProcessorTime - cpu;
                cpu = process.TotalProcessorTime;
                return used;
            }

            var read = Stopwatch.StartNew();
            var (rows, _) = await ReadAsync(db, strings: false);
            var readOnly = read.Elapsed;
            var readOnlyCpu = Cpu();
            read.Restart();
            var (_, bytes) = await ReadAsync(db, strings: true);
            var readStrings = read.Elapsed;
            var readStringsCpu = Cpu();
            read.Restart();
            var report = await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync();
            var verify = read.Elapsed;
            var verifyCpu = Cpu();
            Console.WriteLine($"run {run}: {rows:N0} events; rows only {readOnly.TotalSeconds:F2} s, CPU {readOnlyCpu.TotalSeconds:F2} s ({rows / readOnly.TotalSeconds:N0}/s), "
                + $"as strings {readStrings.TotalSeconds:F2} s, CPU {readStringsCpu.TotalSeconds:F2} s ({bytes / 1048576.0:N0} MiB of text, {rows / readStrings.TotalSeconds:N0}/s), "
                + $"verify {verify.TotalSeconds:F2} s, CPU {verifyCpu.TotalSeconds:F2} s ({report.Sealed / verify.TotalSeconds:N0}/s, {(report.Intact ? "intact" : report.Problems.Count + " problems")}); "
                + $"3 million at that rate: {3_000_000 / (report.Sealed / verify.TotalSeconds):F1} s");
        }

        return 0;
    }

    private static async Task<(long Rows, long Bytes)> ReadAsync(ParallaxDbContext db, bool strings)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Id", "OccurredAt", "ActorId", "ActorName", "Entity", "EntityKey", "Action", "Changes", "PartnershipId", "ChangeSetId", "Reason" FROM "AuditEvents" ORDER BY "Id" """;
            await using var reader = await command.ExecuteReaderAsync();
            long rows = 0, bytes = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                if (!strings) continue;
                for (var i = 2; i < 11; i++)
                {
                    if (i == 6 || i == 8 || i == 9 || reader.IsDBNull(i)) continue;
                    bytes += reader.GetString(i).Length;
                }
            }

            return (rows, bytes);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
