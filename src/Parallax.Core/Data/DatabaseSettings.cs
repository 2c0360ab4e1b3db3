using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parallax.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database Parallax uses. Read from configuration keys <c>Parallax:Database:Provider</c> and
/// <c>Parallax:Database:ConnectionString</c>, which the environment variables <c>PARALLAX_DB_PROVIDER</c>
/// and <c>PARALLAX_DB</c> and the <c>--provider</c> and <c>--db</c> options set.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Parallax:Database:Provider";
    public const string ConnectionStringKey = "Parallax:Database:ConnectionString";
    public const string DefaultSqlitePath = "data/parallax.db";

    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string workingDirectory) =>
        Create(configuration[ProviderKey], configuration[ConnectionStringKey], workingDirectory);

    /// <exception cref="DatabaseConfigurationException">The provider is unknown or the connection string is malformed.</exception>
    public static DatabaseSettings Create(string? provider, string? connectionString, string workingDirectory)
    {
        var parsedProvider = ParseProvider(provider);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (parsedProvider == DatabaseProvider.Postgres)
                throw new DatabaseConfigurationException("PostgreSQL needs a connection string: set --db or PARALLAX_DB, e.g. \"Host=localhost;Database=parallax;Username=parallax\".");
            connectionString = "Data Source=" + Path.Combine(workingDirectory, DefaultSqlitePath);
        }

        return parsedProvider switch
        {
            DatabaseProvider.Sqlite => new(parsedProvider, NormaliseSqlite(connectionString, workingDirectory)),
            _ => new(parsedProvider, NormalisePostgres(connectionString)),
        };
    }

    public static DatabaseProvider ParseProvider(string? provider) => provider?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new DatabaseConfigurationException($"Unknown database provider \"{provider}\": use sqlite or postgres."),
    };

    /// <summary>For SQLite, the full path of the database file (null for in-memory databases).</summary>
    public string? SqliteFile =>
        Provider == DatabaseProvider.Sqlite && new SqliteConnectionStringBuilder(ConnectionString).DataSource is { } source
        && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal) ? source : null;

    /// <summary>A description safe to print: never includes a password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite) return $"SQLite database {SqliteFile ?? ConnectionString}";
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL database \"{builder.Database}\" on {builder.Host}:{builder.Port}";
    }

    private static string NormaliseSqlite(string connectionString, string workingDirectory)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            // A bare path is the most common thing people type for SQLite.
            builder = connectionString.Contains('=')
                ? new SqliteConnectionStringBuilder(connectionString)
                : new SqliteConnectionStringBuilder { DataSource = connectionString };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new DatabaseConfigurationException($"The SQLite connection string is not valid: {FirstSentence(e.Message)}");
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
            throw new DatabaseConfigurationException("The SQLite connection string does not name a database file (Data Source=...).");
        if (builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
            builder.DataSource = Path.GetFullPath(builder.DataSource, workingDirectory);
        builder.Pooling = false; // Lets a deleted or moved file be noticed (health checks, restores).
        return builder.ToString();
    }

    private static string NormalisePostgres(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
                throw new DatabaseConfigurationException("The PostgreSQL connection string does not name a server (Host=...).");
            // Every page runs the same few statements; prepared once per connection, PostgreSQL stops parsing and
            // planning them on every request (decision 0087). A connection string that says otherwise wins, e.g.
            // "Max Auto Prepare=0" behind a pooler that cannot keep prepared statements.
            if (!MentionsKey(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
                builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
            if (!MentionsKey(connectionString, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
                builder.AutoPrepareMinUsages = DefaultAutoPrepareMinUsages;
            return builder.ToString();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            throw new DatabaseConfigurationException($"The PostgreSQL connection string is not valid: {FirstSentence(e.Message)}");
        }
    }

    /// <summary>How many statements each PostgreSQL connection keeps prepared, unless the connection string says.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>How often a statement runs on a connection before it is prepared, unless the connection string says.</summary>
    public const int DefaultAutoPrepareMinUsages = 2;

    private static bool MentionsKey(string connectionString, params string[] keys)
    {
        // The general builder keeps only the keys the string names (Npgsql's knows every key, set or not).
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.Any(named.ContainsKey);
    }

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0].Trim();
        var stop = line.IndexOf(". ", StringComparison.Ordinal);
        line = stop > 0 ? line[..stop] : line;
        var paren = line.IndexOf(" (Parameter", StringComparison.Ordinal);
        line = paren > 0 ? line[..paren] : line;
        return line.EndsWith('.') ? line : line + ".";
    }
}

public sealed class DatabaseConfigurationException(string message) : Exception(message);
