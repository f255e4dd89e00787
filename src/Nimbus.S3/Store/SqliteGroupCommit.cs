using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Nimbus.Core.Storage;

namespace Nimbus.S3.Store;

/// <summary>
/// Group commit for the object store's write transactions. One writer thread owns one connection; writes queued while
/// it was committing run together as one transaction (each in its own savepoint, so one failing write does not undo the
/// others), and every caller is answered only after that transaction's commit, and with it the WAL's fsync, returned.
/// Under concurrency, N PUTs cost one fsync instead of N: with <c>synchronous=FULL</c> the fsync, not the SQL, is what
/// a small write costs. A lone write waits for nothing: the batch is whatever is queued when the writer gets to it.
/// </summary>
internal sealed class SqliteGroupCommit : IDisposable
{
    /// <summary>Bounds one transaction's size, so a flood of writes still commits (and answers) in steps.</summary>
    private const int MaxBatch = 256;

    private readonly BlockingCollection<Work> _queue = new();
    private readonly SqliteDatabase _database;
    private readonly Thread _writer;

    public SqliteGroupCommit(SqliteDatabase database)
    {
        _database = database;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "s3-group-commit" };
        _writer.Start();
    }

    /// <summary>Runs <paramref name="work"/> in the next batch; completes once the batch is durable.</summary>
    public Task<T> RunAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        var item = new Work<T>(work);
        _queue.Add(item);
        return item.Completion.Task;
    }

    /// <summary>The synchronous form, for rare writes whose callers are synchronous.</summary>
    public T Run<T>(Func<SqliteConnection, SqliteTransaction, T> work) => RunAsync(work).GetAwaiter().GetResult();

    public void Dispose()
    {
        _queue.CompleteAdding();
        _writer.Join();
        _queue.Dispose();
    }

    private void WriteLoop()
    {
        var batch = new List<Work>(MaxBatch);
        SqliteConnection? connection = null;
        try
        {
            foreach (var first in _queue.GetConsumingEnumerable())
            {
                batch.Add(first);
                while (batch.Count < MaxBatch && _queue.TryTake(out var next))
                {
                    batch.Add(next);
                }
                connection ??= _database.Open();
                if (!CommitBatch(connection, batch))
                {
                    // A failed commit may have left the connection unusable: start the next batch on a fresh one.
                    connection.Dispose();
                    connection = null;
                }
                batch.Clear();
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private static bool CommitBatch(SqliteConnection connection, List<Work> batch)
    {
        try
        {
            using var transaction = connection.BeginTransaction();
            foreach (var work in batch)
            {
                transaction.Save("w");
                try
                {
                    work.Run(connection, transaction);
                    transaction.Release("w");
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    transaction.Rollback("w");
                    transaction.Release("w");
                    work.Failed = e;
                }
            }
            transaction.Commit();
        }
        catch (Exception e)
        {
            foreach (var work in batch)
            {
                work.Fail(work.Failed ?? e);
            }
            return false;
        }
        foreach (var work in batch)
        {
            work.Complete();
        }
        return true;
    }

    private abstract class Work
    {
        public Exception? Failed { get; set; }

        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

        /// <summary>Answers the caller once the batch committed: its result, or the exception its own work threw.</summary>
        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class Work<T>(Func<SqliteConnection, SqliteTransaction, T> body) : Work
    {
        private T? _result;

        /// <summary>Continuations run on the pool, never on the writer thread, which must get back to the queue.</summary>
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _result = body(connection, transaction);

        public override void Complete()
        {
            if (Failed is not null)
            {
                Completion.TrySetException(Failed);
            }
            else
            {
                Completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception error) => Completion.TrySetException(error);
    }
}
