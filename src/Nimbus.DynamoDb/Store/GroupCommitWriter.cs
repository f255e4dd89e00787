using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Nimbus.DynamoDb.Store;

/// <summary>
/// Serialises writes on one connection and commits whatever is queued together: each call runs in its own
/// savepoint (a failing call rolls back alone), the batch commits once, and callers are answered only after the
/// commit's fsync. Under load this turns N fsyncs into one without weakening "acknowledged means durable".
/// </summary>
internal sealed partial class GroupCommitWriter : IDisposable
{
    private const int MaxBatch = 256;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CommandCache _cache;
    private readonly Thread _thread;

    public GroupCommitWriter(CommandCache cache)
    {
        _cache = cache;
        _thread = new Thread(Run) { IsBackground = true, Name = "dynamodb-writer" };
        _thread.Start();
    }

    public Task<T> WriteAsync<T>(Func<IDynamoWriter, T> write)
    {
        var pending = new PendingWrite<T>(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter));
        }
        return pending.Task;
    }

    private void Run()
    {
        var writer = new Writer(_cache);
        var batch = new List<PendingWrite>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            RunBatch(writer, batch);
            batch.Clear();
        }
    }

    private void RunBatch(Writer writer, List<PendingWrite> batch)
    {
        var outcomes = new Exception?[batch.Count];
        try
        {
            using var transaction = _cache.Connection.BeginTransaction();
            _cache.Transaction = transaction;
            for (var i = 0; i < batch.Count; i++)
            {
                transaction.Save("w");
                try
                {
                    batch[i].Run(writer);
                    transaction.Release("w");
                }
                catch (Exception exception)
                {
                    transaction.Rollback("w");
                    transaction.Release("w");
                    outcomes[i] = exception;
                }
            }
            transaction.Commit();
        }
        catch (Exception exception)
        {
            // The commit itself failed: nothing of this batch is durable, so nobody may be told it succeeded.
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] ??= exception;
                batch[i].Fail(outcomes[i]!);
            }
            return;
        }
        finally
        {
            _cache.Transaction = null;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is { } error)
            {
                batch[i].Fail(error);
            }
            else
            {
                batch[i].Complete();
            }
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
        _cache.Dispose();
    }

    private abstract class PendingWrite
    {
        public abstract void Run(IDynamoWriter writer);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<IDynamoWriter, T> write) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Run(IDynamoWriter writer) => _result = write(writer);

        public override void Complete() => _completion.TrySetResult(_result!);

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
