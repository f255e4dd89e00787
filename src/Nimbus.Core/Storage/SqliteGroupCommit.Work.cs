using System.Diagnostics;

namespace Nimbus.Core.Storage;

public sealed partial class SqliteGroupCommit
{
    /// <summary>
    /// Pipelined: answers a batch's callers from one pool work item, their continuations run inline one after the other
    /// — one thread woken per batch rather than one per caller (a context switch costs more than a response on a VM),
    /// and never on the writer or fsync thread, which must get back to their queues.
    /// </summary>
    private void Answer(Work[] works, Exception? error)
    {
        lock (_lock)
        {
            _concurrency.Leave(works.Length);
        }
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            var (works, error) = state;
            foreach (var work in works)
            {
                if (error is null)
                {
                    work.Complete();
                }
                else
                {
                    work.Fail(work.Failed ?? error);
                }
            }
        }, (works, error), preferLocal: false);
    }

    private abstract class Work
    {
        public Exception? Failed { get; set; }

        public abstract void Run(SqliteCommandCache cache);

        /// <summary>Answers the caller once the batch committed: its result, or the exception its own work threw.</summary>
        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class Work<T>(Func<SqliteCommandCache, T> body, bool inlineContinuations) : Work
    {
        /// <summary>
        /// Continuations run on the pool, never on the writer thread, which must get back to the queue: queued one by one,
        /// or (<paramref name="inlineContinuations"/>, when <see cref="Answer"/> completes them on the pool) inline.
        /// </summary>
        private readonly TaskCompletionSource<T> _completion =
            new(inlineContinuations ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Run(SqliteCommandCache cache) => _result = body(cache);

        public override void Complete()
        {
            if (Failed is not null)
            {
                _completion.TrySetException(Failed);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception error) => _completion.TrySetException(error);
    }
}
