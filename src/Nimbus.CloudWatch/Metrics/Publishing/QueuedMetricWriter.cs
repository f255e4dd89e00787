using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core;
using Nimbus.Core.Queues;

namespace Nimbus.CloudWatch.Metrics.Publishing;

/// <summary>
/// The shape every automatically published metric source shares. <see cref="Enqueue"/> only queues (it runs on
/// invoke and request paths); a <see cref="PacedBatchWriter{T}"/> drains the queue at most every
/// <see cref="CommitInterval"/>, aggregates per one-minute bucket in memory and writes each batch in one
/// transaction, so thousands of events a second cost a few row updates. The queue is bounded: if storage falls that
/// far behind, items are dropped with a warning rather than stalling callers. Stopping the host drains the queue.
/// </summary>
/// <typeparam name="TItem">What the source publishes: an invocation report, a service's metric value.</typeparam>
public abstract class QueuedMetricWriter<TItem> : IHostedService, IAsyncDisposable
{
    public const int QueueCapacity = 100_000;

    /// <summary>
    /// CloudWatch shows a metric about a minute after it happened; a second of pacing is invisible, and metric reads
    /// flush first. Each commit costs an fsync (about half a millisecond of kernel CPU here), so fewer is cheaper.
    /// </summary>
    public static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    private readonly IMetricStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PacedBatchWriter<TItem> _writer;

    protected QueuedMetricWriter(IMetricStore store, TimeProvider time, ILogger logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _writer = new PacedBatchWriter<TItem>(new PacedBatchOptions(QueueCapacity, 10_000, CommitInterval), items =>
        {
            Store(items);
            return Task.CompletedTask;
        }, (exception, count) => MetricsLogMessages.MetricsWriteFailed(_logger, exception, count));
    }

    /// <summary>Adds the metric values a batch of items stands for to their one-minute buckets.</summary>
    protected abstract void Accumulate(IReadOnlyList<TItem> items, MetricAccumulator accumulator);

    /// <summary>A short description of the item for the "queue full" warning.</summary>
    protected abstract string Describe(TItem item);

    protected void Enqueue(TItem item)
    {
        // Refused while stopping is not a full queue: the server is shutting down.
        if (!_writer.TryEnqueue(item) && !_writer.IsStopping)
        {
            MetricsLogMessages.MetricsDropped(_logger, Describe(item));
        }
    }

    /// <summary>Completes once every item queued before the call is stored (tests, shutdown).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    /// <summary>Stores items synchronously (the writer loop's step; also used by tests).</summary>
    public void Store(IReadOnlyList<TItem> items)
    {
        var accumulator = new MetricAccumulator(AwsScope.Default);
        Accumulate(items, accumulator);
        _store.Write(accumulator.Drain(), _time.GetUtcNow());
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _writer.StopAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _writer.DisposeAsync();
    }
}
