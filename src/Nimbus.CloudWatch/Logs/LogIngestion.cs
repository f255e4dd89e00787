using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Logs.Model;
using Nimbus.CloudWatch.Logs.Store;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Nimbus.Core.Queues;

namespace Nimbus.CloudWatch.Logs;

/// <summary>
/// Lambda's log delivery into CloudWatch Logs. <see cref="Append"/> only copies the lines into a <see cref="LogPage"/>
/// (the execution engine calls it on its hot path); a <see cref="PacedWriter{TBuffer}"/> stores the page in one
/// transaction at most every <see cref="CommitInterval"/>, so thousands of lines a second cost a few fsyncs. One
/// writer keeps each stream's events in the order they were appended. A page holds at most
/// <see cref="QueueCapacity"/> appends and is written at once when it holds <see cref="MaxBatchesPerTransaction"/>:
/// if storage falls that far behind, new batches are dropped with a warning and counted in
/// <see cref="DroppedBatches"/>, rather than memory growing without limit or functions stalling.
/// </summary>
internal sealed class LogIngestion : ILogIngestion, IHostedService, IAsyncDisposable
{
    internal const int MaxBatchesPerTransaction = 2_500;

    internal const int QueueCapacity = 50_000;

    /// <summary>
    /// Lambda's own delivery takes seconds, and Live Tail updates once a second; a second's pacing turns a busy
    /// function's lines into one transaction and one fsync a second (each costs about half a millisecond of kernel CPU,
    /// plus a statistics update per stream). The Logs API's reads flush first, so a caller never misses lines that are
    /// still buffered.
    /// </summary>
    internal static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    private readonly ILogStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<LogIngestion> _logger;
    private readonly LogsCounters _counters;
    private readonly PacedWriter<LogPage> _writer;

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
        _writer = new PacedWriter<LogPage>(new PacedBatchOptions(capacity, Math.Min(capacity, MaxBatchesPerTransaction), CommitInterval), () => new LogPage(), StoreAsync,
            (exception, count) => LogMessages.IngestionWriteFailed(_logger, exception, count));
    }

    /// <summary>Transactions committed so far (for tests and diagnostics).</summary>
    internal long TransactionCount => _writer.Commits;

    /// <summary>Batches dropped because the queue was full.</summary>
    internal long DroppedBatches => _writer.Dropped;

    public void Append(AwsScope scope, string logGroupName, string logStreamName, IReadOnlyList<LogRecord> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        // Copied into the page: the caller may reuse its list once Append returns.
        if (!_writer.TryAdd((scope, logGroupName, logStreamName, events), static (page, batch) => page.Add(batch.scope, batch.logGroupName, batch.logStreamName, batch.events)))
        {
            if (_writer.IsStopping)
            {
                LogMessages.IngestionStopped(_logger, logGroupName);
            }
            else
            {
                LogMessages.IngestionQueueFull(_logger, logGroupName);
            }
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops accepting events and stores everything already queued.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _writer.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private async Task StoreAsync(LogPage page)
    {
        await _store.AppendAsync(page, _time.GetUtcNow().ToUnixTimeMilliseconds(), createMissing: true, CancellationToken.None);
        _counters.Delivered(page.EventCount, page.TextBytes);
        LogMessages.IngestionBatchStored(_logger, page.EventCount, page.Count);
    }
}
