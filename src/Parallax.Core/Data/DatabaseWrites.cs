using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Parallax.Core.Data;

/// <summary>
/// Counts this process's writes to the database, so that figures kept in memory can tell whether anything may have
/// changed since they were read (decision 0083). Every command that is not a query counts once it has run, and every
/// commit counts again, so a reader that read the count before a transaction committed never keeps what it read as
/// current. Process-wide, because every DbContext of the process writes to the same database; writes by another
/// process (a second node, a command run beside the server) are not counted, so what is kept must also expire.
/// </summary>
public static class DatabaseWrites
{
    private static long count;

    /// <summary>How many writes and commits this process has made so far.</summary>
    public static long Count => Interlocked.Read(ref count);

    /// <summary>The interceptors that count, for <see cref="DbContextOptionsBuilder.AddInterceptors(IInterceptor[])"/>.</summary>
    public static IInterceptor[] Interceptors { get; } = [new Commands(), new Commits()];

    private static T Counted<T>(DbCommand command, T result)
    {
        if (!IsQuery(command.CommandText)) Interlocked.Increment(ref count);
        return result;
    }

    /// <summary>A command that only reads: EF Core's queries all begin with SELECT.</summary>
    internal static bool IsQuery(string sql) => sql.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    private sealed class Commands : DbCommandInterceptor
    {
        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) => Counted(command, result);

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Counted(command, result));

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) => Counted(command, result);

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Counted(command, result));

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) => Counted(command, result);

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Counted(command, result));
    }

    private sealed class Commits : DbTransactionInterceptor
    {
        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref count);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return Task.CompletedTask;
        }
    }
}
