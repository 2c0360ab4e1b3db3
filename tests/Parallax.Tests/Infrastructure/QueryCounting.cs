using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Parallax.Tests.Infrastructure;

/// <summary>
/// A host that notes every database command it runs with the path of the request that ran it, read from the log
/// scope ASP.NET Core opens for each request. Commands run outside a request (background work) carry no path.
/// </summary>
public abstract class QueryCountingAppFactory(DatabaseProvider provider) : ParallaxAppFactory(provider)
{
    private readonly CommandLog log = new();

    /// <summary>The commands requests to <paramref name="path"/> have run so far (their SQL).</summary>
    public IReadOnlyList<string> CommandsFor(string path) => [.. log.Entries.Where(e => e.Path == path).Select(e => e.Sql)];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(log);
            logging.AddFilter<CommandLog>("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
        });
    }

    private sealed class CommandLog : ILoggerProvider, ISupportExternalScope, ILogger
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<(string? Path, string Sql)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted.Id) return;
            string? path = null;
            scopes.ForEachScope((scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "RequestPath").Value is string requestPath) path = requestPath;
            }, (object?)null);
            Entries.Enqueue((path, formatter(state, exception)));
        }

        public void Dispose()
        {
        }
    }
}

public sealed class QueryCountingSqliteAppFactory() : QueryCountingAppFactory(DatabaseProvider.Sqlite);

public sealed class QueryCountingPostgresAppFactory() : QueryCountingAppFactory(DatabaseProvider.Postgres);
