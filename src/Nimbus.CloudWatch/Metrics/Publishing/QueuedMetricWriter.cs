using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Metrics.Publishing;

/// <summary>
/// The shape every automatically published metric source shares. <see cref="Enqueue"/> only queues (it runs on
/// invoke and request paths); a background writer drains the queue, aggregates per one-minute bucket in memory
/// and writes each batch in one transaction, so thousands of events a second cost a few row updates. The queue is
/// bounded: if storage falls that far behind, items are dropped with a warning rather than stalling callers.
/// Stopping the host drains the queue.
/// </summary>
/// <typeparam name="TItem">What the source publishes: an invocation report, a service's metric value.</typeparam>
public abstract class QueuedMetricWriter<TItem> : BackgroundService
{
    public const int QueueCapacity = 100_000;

    private readonly Channel<TItem> _queue = Channel.CreateBounded<TItem>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly IMetricStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _published;
    private long _written;
    private TaskCompletionSource _batchDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected QueuedMetricWriter(IMetricStore store, TimeProvider time, ILogger logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>The metric values one item stands for.</summary>
    protected abstract IEnumerable<MetricSample> Samples(TItem item);

    /// <summary>A short description of the item for the "queue full" warning.</summary>
    protected abstract string Describe(TItem item);

    protected void Enqueue(TItem item)
    {
        if (_queue.Writer.TryWrite(item))
        {
            Interlocked.Increment(ref _published);
        }
        else
        {
            MetricsLogMessages.MetricsDropped(_logger, Describe(item));
        }
    }

    /// <summary>Completes once every item queued before the call is stored (tests, shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _published);
        while (Interlocked.Read(ref _written) < target)
        {
            await Volatile.Read(ref _batchDone).Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stores items synchronously (the writer loop's step; also used by tests).</summary>
    public void Store(IReadOnlyList<TItem> items)
    {
        var accumulator = new MetricAccumulator(AwsScope.Default);
        foreach (var item in items)
        {
            foreach (var sample in Samples(item))
            {
                accumulator.Bucket(sample.Scope, sample.Metric, MetricResolutions.Minute, sample.Timestamp, sample.Unit).Add(sample.Value);
            }
        }
        _store.Write(accumulator.Drain(), _time.GetUtcNow());
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TItem>();
        // Not tied to stoppingToken: after StopAsync completes the channel, the loop drains what is left and ends.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < 10_000 && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            try
            {
                Store(batch);
            }
            catch (Exception exception)
            {
                MetricsLogMessages.MetricsWriteFailed(_logger, exception, batch.Count);
            }
            Interlocked.Add(ref _written, batch.Count);
            batch.Clear();
            Interlocked.Exchange(ref _batchDone, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
