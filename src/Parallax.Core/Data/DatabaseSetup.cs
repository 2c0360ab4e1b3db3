using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Parallax.Core.Data;

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Parallax.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Parallax.Migrations.Postgres";

    /// <summary>Registers the DbContext for the configured provider, with the audit trail attached.</summary>
    public static IServiceCollection AddParallaxData(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => DatabaseSettings.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), Environment.CurrentDirectory));
        services.TryAddScoped<AuditTrailInterceptor>();
        services.TryAddSingleton<Reviews.MergedChronologies>();
        services.TryAddSingleton<Tools.FrozenToolVersions>();
        // A chronology's version renewed first, so that the trail sees the save as it will be written.
        services.AddDbContext<ParallaxDbContext>((sp, options) => options
            .UseParallaxDatabase(sp.GetRequiredService<DatabaseSettings>())
            .AddInterceptors(new Reviews.ChronologyVersions(), sp.GetRequiredService<AuditTrailInterceptor>())
            .AddInterceptors(DatabaseWrites.Interceptors));
        return services;
    }

    public static DbContextOptionsBuilder UseParallaxDatabase(this DbContextOptionsBuilder options, DatabaseSettings settings) =>
        settings.Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(settings.ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)),
            _ => options.UseNpgsql(settings.ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)),
        };

    /// <summary>
    /// Brings the database to the latest migration and makes sure the fixed rows (the roles) exist.
    /// For SQLite the data folder is created first, and the file put in WAL mode so readers do not block the writer.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        if (settings.SqliteFile is { } file) PrepareSqliteFolder(file);

        var db = services.GetRequiredService<ParallaxDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await ProtectAuditTrailAsync(db, settings.Provider, cancellationToken);
        await ReturnAnswerCounts.BackfillAsync(db, cancellationToken);

        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role)) continue;
            var result = await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            if (!result.Succeeded) throw new InvalidOperationException($"Could not create the role {role}: {result.Errors.First().Description}");
        }
    }

    /// <summary>
    /// Makes the audit trail append-only in the database itself, not only in the application: triggers
    /// refuse any UPDATE or DELETE of its rows (and TRUNCATE on PostgreSQL), whoever connects. Idempotent,
    /// run after every migration.
    /// </summary>
    private static async Task ProtectAuditTrailAsync(ParallaxDbContext db, DatabaseProvider provider, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            foreach (var table in new[] { "AuditSeals", "AuditEvents" })
            {
                foreach (var operation in new[] { "UPDATE", "DELETE" })
                {
                    var trigger = $"""
                        CREATE TRIGGER IF NOT EXISTS "{table}_append_only_{operation.ToLowerInvariant()}" BEFORE {operation} ON "{table}"
                        BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: its records cannot be changed or deleted.'); END;
                        """;
                    await db.Database.ExecuteSqlRawAsync(trigger, ct);
                }
            }

            return;
        }

        await db.Database.ExecuteSqlRawAsync("""
            CREATE OR REPLACE FUNCTION parallax_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'The audit trail is append-only: its records cannot be changed or deleted.'; END $$;
            CREATE OR REPLACE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditEvents"
            FOR EACH STATEMENT EXECUTE FUNCTION parallax_audit_events_append_only();
            CREATE OR REPLACE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditSeals"
            FOR EACH STATEMENT EXECUTE FUNCTION parallax_audit_events_append_only();
            """, ct);
    }

    private static void PrepareSqliteFolder(string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseUnavailableException($"Cannot create the data folder {folder}: {e.Message.TrimEnd('.')}.", e);
        }

        // SQLite needs to write the database and its journal beside it; say so before it fails half-way.
        var probe = Path.Combine(folder, $".parallax-write-test-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe)) { }
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseUnavailableException($"The data folder {folder} is not writable: Parallax needs to write its SQLite database there.", e);
        }
    }
}
