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
/// fsyncs. One reader keeps each stream's events in the order they were appended. The queue is bounded
/// (<see cref="QueueCapacity"/> batches): if storage falls that far behind, new batches are dropped with a warning
/// and counted in <see cref="DroppedBatches"/>, rather than memory growing without limit or functions stalling.
/// </summary>
internal sealed class LogIngestion : ILogIngestion, IHostedService, IAsyncDisposable
{
    internal const int MaxEventsPerTransaction = 10_000;

    internal const int QueueCapacity = 50_000;

    private readonly Channel<Item> _queue;
    private readonly ILogStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<LogIngestion> _logger;
    private readonly LogsCounters _counters;
    private readonly Task _writer;

    public LogIngestion(ILogStore store, TimeProvider time, ILogger<LogIngestion> logger, LogsCounters? counters = null)
        : this(store, time, logger, QueueCapacity, counters)
    {
    }

    internal LogIngestion(ILogStore store, TimeProvider time, ILogger<LogIngestion> logger, int capacity, LogsCounters? counters = null)
    {
        _counters = counters ?? new LogsCounters();
        _store = store;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        // Started here rather than in StartAsync so that appends made before the host starts are not stranded.
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Transactions committed so far (for tests and diagnostics).</summary>
    internal long TransactionCount;

    /// <summary>Batches dropped because the queue was full.</summary>
    internal long DroppedBatches;

    private volatile bool _stopped;

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
            if (_stopped)
            {
                LogMessages.IngestionStopped(_logger, logGroupName);
            }
            else
            {
                Interlocked.Increment(ref DroppedBatches);
                LogMessages.IngestionQueueFull(_logger, logGroupName);
            }
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            // A flush marker waits for room rather than being dropped.
            await _queue.Writer.WriteAsync(new Item(null, flushed), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // After shutdown began, the writer is draining: waiting for it is the flush.
            await _writer.WaitAsync(cancellationToken);
            return;
        }
        await flushed.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops accepting events and stores everything already queued.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        _queue.Writer.TryComplete();
        return _writer.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _stopped = true;
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
                    _counters.Delivered(events, batches.Sum(b => b.Events.Sum(e => (long)System.Text.Encoding.UTF8.GetByteCount(e.Message))));
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
