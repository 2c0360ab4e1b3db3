using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parallax.Core.Data;

/// <summary>A backup or restore that cannot be done; the message is one sentence for the operator.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Backup and restore of the whole database. SQLite: SQLite's online backup API, which
/// copies a consistent snapshot while the application keeps running. PostgreSQL: <c>pg_dump</c> in its
/// custom format and <c>pg_restore</c>, the tools an operator already trusts, found on the PATH or in the
/// server's own folder (/usr/lib/postgresql/N/bin). Restore refuses to overwrite a database that already
/// holds Parallax data unless asked to replace it.
/// </summary>
public static class DatabaseBackup
{
    public static async Task BackupAsync(DatabaseSettings settings, string file, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(file);
        if (File.Exists(target)) throw new BackupException($"{target} already exists: choose a new file name, so no backup is overwritten.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            await using var source = new SqliteConnection(settings.ConnectionString);
            await source.OpenAsync(ct);
            await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
            await destination.OpenAsync(ct);
            source.BackupDatabase(destination);
            return;
        }

        var (arguments, environment) = Postgres(settings.ConnectionString);
        await RunAsync("pg_dump", ["--format=custom", "--no-owner", $"--file={target}", .. arguments], environment, ct);
    }

    public static async Task RestoreAsync(DatabaseSettings settings, string file, bool replace, CancellationToken ct = default)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source)) throw new BackupException($"{source} does not exist.");
        if (!replace && await HoldsDataAsync(settings, ct))
            throw new BackupException($"{settings.Describe()} already holds Parallax data: restore into an empty database, or add --replace to overwrite it.");
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            await using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await backup.OpenAsync(ct);
            await using var target = new SqliteConnection(settings.ConnectionString);
            await target.OpenAsync(ct);
            backup.BackupDatabase(target);
            SqliteConnection.ClearAllPools();
            return;
        }

        var (arguments, environment) = Postgres(settings.ConnectionString);
        await RunAsync("pg_restore", ["--no-owner", "--exit-on-error", .. (replace ? new[] { "--clean", "--if-exists" } : []), "--single-transaction", .. arguments, source], environment, ct);
    }

    private static async Task<bool> HoldsDataAsync(DatabaseSettings settings, CancellationToken ct)
    {
        const string History = "__EFMigrationsHistory";
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            if (settings.SqliteFile is not { } path || !File.Exists(path) || new FileInfo(path).Length == 0) return false;
            await using var connection = new SqliteConnection(settings.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{History}'";
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }

        await using var pg = new NpgsqlConnection(settings.ConnectionString);
        await pg.OpenAsync(ct);
        await using var query = new NpgsqlCommand($"SELECT to_regclass('public.\"{History}\"') IS NOT NULL", pg);
        return (bool)(await query.ExecuteScalarAsync(ct))!;
    }

    /// <summary>pg_dump/pg_restore arguments from the connection string; the password goes in PGPASSWORD, never on the command line.</summary>
    private static (string[] Arguments, Dictionary<string, string> Environment) Postgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var arguments = new List<string> { $"--host={builder.Host}", $"--port={builder.Port}", $"--dbname={builder.Database}" };
        if (!string.IsNullOrEmpty(builder.Username)) arguments.Add($"--username={builder.Username}");
        var environment = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(builder.Password)) environment["PGPASSWORD"] = builder.Password;
        return ([.. arguments], environment);
    }

    private static async Task RunAsync(string tool, IEnumerable<string> arguments, Dictionary<string, string> environment, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Find(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new BackupException($"{tool} could not be started.");
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BackupException($"{tool} failed (exit {process.ExitCode}): {(await error).Trim().Split('\n').FirstOrDefault()}");
    }

    /// <summary>The tool on the PATH, or in the newest PostgreSQL server folder, where Debian puts it.</summary>
    private static string Find(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        if (onPath is not null) return onPath;
        var server = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin", tool)).FirstOrDefault(File.Exists)
            : null;
        return server ?? throw new BackupException($"{tool} was not found: install the PostgreSQL client tools (apt-get install postgresql-client).");
    }
}
