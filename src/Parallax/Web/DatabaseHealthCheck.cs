using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Parallax.Web;

/// <summary>Healthy when the database answers and holds Parallax's schema.</summary>
public sealed class DatabaseHealthCheck(ParallaxDbContext db, DatabaseSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // SQLite would quietly create an empty file where the database was: a missing file is a failure.
        if (settings.SqliteFile is { } file && !File.Exists(file))
            return HealthCheckResult.Unhealthy("The database file is missing.");

        try
        {
            await db.Partnerships.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database is unreachable.");
        }
    }
}
