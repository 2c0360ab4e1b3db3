using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Parallax.Tests.Web;

/// <summary>
/// SQLite connections are not pooled, so each open reads the file's schema afresh: a signed-in page opens the database
/// once for all its queries (sign-in checks, layout, the page), not once per query. Counted from EF Core's own
/// "connection opened" events for this host's file.
/// </summary>
public sealed class SqliteConnectionTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    [Fact]
    public async Task TheLeadsHomePage_OpensTheDatabaseFileOnce_ForADozenQueries()
    {
        var lead = await app.SignedInBrowserAsync(TestPartnership.Lead);
        var file = Path.GetFullPath(new SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource);
        var opened = new ConcurrentBag<DbContext?>();
        bool Ours(SqliteConnection connection) => connection.DataSource is { Length: > 0 } source && Path.GetFullPath(source) == file;
        var commands = 0;
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name != DbLoggerCategory.Name) return;
            listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
            {
                // Every test's EF Core events reach this observer while it listens (other hosts, PostgreSQL too): it only
                // counts this host's file, and never throws into someone else's query.
                if (e.Key == RelationalEventId.ConnectionOpened.Name && e.Value is ConnectionEndEventData { Connection: SqliteConnection opening } data && Ours(opening))
                    opened.Add(data.Context);
                if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData { Connection: SqliteConnection executed } && Ours(executed))
                    Interlocked.Increment(ref commands);
            }));
        }));

        var response = await lead.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(commands >= 5, $"Only {commands} queries were seen: the count of opens below would prove nothing.");
        Assert.Single(opened);
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnNext(T value) => next(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
