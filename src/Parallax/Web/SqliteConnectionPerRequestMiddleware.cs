using System.Data.Common;

namespace Parallax.Web;

/// <summary>
/// One SQLite connection for the whole request. SQLite connections are not pooled (DatabaseSettings: a deleted or
/// moved file must be noticed), so EF Core's open-and-close around each query would open the file and read its
/// schema afresh for every one of a page's dozen queries (the sign-in checks, the layout, the page). Opened here,
/// the connection serves them all and closes with the request's scope. The health check is left to open its own,
/// so that it still sees a file that has gone; a file that is missing is never opened here (SQLite would create
/// an empty one), and a connection that cannot open leaves each query to fail as it would have.
/// </summary>
public sealed class SqliteConnectionPerRequestMiddleware(RequestDelegate next, DatabaseSettings settings)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not null
            && !context.Request.Path.StartsWithSegments("/health")
            && (settings.SqliteFile is not { } file || File.Exists(file)))
        {
            try
            {
                await context.RequestServices.GetRequiredService<ParallaxDbContext>().Database.OpenConnectionAsync(context.RequestAborted);
            }
            catch (DbException)
            {
                // Each query opens its own connection, as without this middleware, and reports the failure itself.
            }
        }

        await next(context);
    }
}
