using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Logs.Model;
using Nimbus.CloudWatch.Logs.Store;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Logs;

/// <summary>
/// Lambda's log delivery into CloudWatch Logs. <see cref="Append"/> only queues (the execution engine calls it on
/// its hot path); one background writer drains the queue and stores everything waiting, up to
/// <see cref="MaxEventsPerTransaction"/> events, in one transaction, so thousands of lines a second cost a few
/// fsyncs. One reader keeps each stream's events in the order they were appended.
/// </summary>
internal sealed class LogIngestion : ILogIngestion, IHostedService, IAsyncDisposable
{
    internal const int MaxEventsPerTransaction = 10_000;

    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<LogIngestion> _logger;
    private readonly Task _writer;

    public LogIngestion(ILogStore store, TimeProvider time, ILogger<LogIngestion> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        // Started here rather than in StartAsync so that appends made before the host starts are not stranded.
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Transactions committed so far (for tests and diagnostics).</summary>
    internal long TransactionCount;

    public void Append(AwsScope scope, string logGroupName, string logStreamName, IReadOnlyList<LogRecord> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        // Copied: the caller may reuse its list once Append returns.
        var batch = new StreamBatch(scope, logGroupName, logStreamName, events.ToArray());
        if (!_queue.Writer.TryWrite(new Item(batch, null)))
        {
            LogMessages.IngestionStopped(_logger, logGroupName);
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // After shutdown began, the writer is draining: waiting for it is the flush.
        return _queue.Writer.TryWrite(new Item(null, flushed))
            ? flushed.Task.WaitAsync(cancellationToken)
            : _writer.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops accepting events and stores everything already queued.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return _writer.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batches = new List<StreamBatch>();
        var flushes = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync())
        {
            var events = 0;
            while (events < MaxEventsPerTransaction && reader.TryRead(out var item))
            {
                if (item.Batch is { } batch)
                {
                    batches.Add(batch);
                    events += batch.Events.Count;
                }
                else
                {
                    flushes.Add(item.Flushed!);
                }
            }

            Exception? failure = null;
            if (batches.Count > 0)
            {
                try
                {
                    await _store.AppendAsync(batches, _time.GetUtcNow().ToUnixTimeMilliseconds(), createMissing: true, CancellationToken.None);
                    Interlocked.Increment(ref TransactionCount);
                    LogMessages.IngestionBatchStored(_logger, events, batches.Count);
                }
                catch (Exception exception)
                {
                    failure = exception;
                    LogMessages.IngestionWriteFailed(_logger, exception, events);
                }
            }
            // Every flush marker read so far was queued after (or among) the batches just stored.
            foreach (var flushed in flushes)
            {
                if (failure is null)
                {
                    flushed.TrySetResult();
                }
                else
                {
                    flushed.TrySetException(failure);
                }
            }
            batches.Clear();
            flushes.Clear();
        }
    }

    private readonly record struct Item(StreamBatch? Batch, TaskCompletionSource? Flushed);
}
