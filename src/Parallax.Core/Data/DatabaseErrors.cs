using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parallax.Core.Data;

/// <summary>The database cannot be used as configured; the message is one sentence for the operator.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Turns the exceptions of the two providers into one clear sentence for the operator.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// Whether the failure is the database being out of reach (server down, database gone, file missing), as
    /// opposed to a fault in a query: the web host then says the service is unavailable (503), not that it failed.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DatabaseUnavailableException:
                    return true;
                case PostgresException postgres:
                    // 08: connection exceptions; 3D000: no such database; 57P: the server is shutting down or cannot connect now.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState == "3D000" || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException:
                    return true;
                case SqliteException sqlite:
                    // 14: cannot open the file; 26: not a database; 10: disk I/O.
                    return sqlite.SqliteErrorCode is 14 or 26 or 10;
            }
        }

        return false;
    }

    public static string? Describe(Exception exception, DatabaseSettings? settings)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DatabaseConfigurationException or DatabaseUnavailableException:
                    return e.Message;
                case SqliteException sqlite:
                    return DescribeSqlite(sqlite, settings?.SqliteFile ?? "(unknown file)");
                case PostgresException postgres:
                    return DescribePostgres(postgres, settings);
                case NpgsqlException npgsql when npgsql.InnerException is SocketException or TimeoutException or IOException:
                    return $"Cannot reach the PostgreSQL server at {Server(settings)}: {npgsql.InnerException!.Message.TrimEnd('.')}.";
                case NpgsqlException npgsql:
                    return $"PostgreSQL at {Server(settings)} could not be used: {npgsql.Message.TrimEnd('.')}.";
            }
        }

        return null;
    }

    private static string DescribeSqlite(SqliteException e, string file) => e.SqliteErrorCode switch
    {
        14 => $"Cannot open the SQLite database {file}: the folder is missing or not writable.",
        8 => $"The SQLite database {file} is read-only: check the permissions of the file and its folder.",
        26 => $"The file {file} is not a SQLite database.",
        5 or 6 => $"The SQLite database {file} is locked by another process; try again.",
        _ => $"The SQLite database {file} reported an error: {e.Message.Replace("SQLite Error ", "").TrimEnd('.')}.",
    };

    private static string DescribePostgres(PostgresException e, DatabaseSettings? settings)
    {
        var builder = settings is null ? null : new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        return e.SqlState switch
        {
            "3D000" => $"The PostgreSQL database \"{builder?.Database}\" does not exist on {Server(settings)}.",
            "28P01" or "28000" => $"PostgreSQL at {Server(settings)} refused the sign-in for user \"{builder?.Username}\": check the user name and password.",
            "42501" => $"The PostgreSQL user \"{builder?.Username}\" lacks a permission Parallax needs: {e.MessageText.TrimEnd('.')}.",
            _ => $"PostgreSQL at {Server(settings)} reported an error: {e.MessageText.TrimEnd('.')}.",
        };
    }

    private static string Server(DatabaseSettings? settings)
    {
        if (settings is null || settings.Provider != DatabaseProvider.Postgres) return "(unknown server)";
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        return $"{builder.Host}:{builder.Port}";
    }
}
