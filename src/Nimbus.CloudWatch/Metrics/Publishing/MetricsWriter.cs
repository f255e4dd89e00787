using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Lambda;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core;
using Nimbus.Core.Queues;

namespace Nimbus.CloudWatch.Metrics.Publishing;

/// <summary>
/// The one writer of every automatically published metric (Lambda's invocation reports through
/// <see cref="LambdaMetricsSink"/>, other services' values through <see cref="ServiceMetricsSink"/>). Publishing adds
/// to running sums in a <see cref="MetricBuffers"/> (it runs on invoke and request paths: a lock, a dictionary hit,
/// nothing queued that outlives a collection); a <see cref="PacedWriter{TBuffer}"/> stores both kinds at most every
/// <see cref="CommitInterval"/> in one transaction. They were two writers of the same file, each with its thread, its
/// wake-up and its fsync every second under load (bench/run observability: each such writer cost the server about a
/// microsecond per invoke, mostly kernel time). The buffer is bounded by its number of series: if storage falls that
/// far behind, values are dropped with a warning rather than stalling callers. Stopping the host writes what is buffered.
/// </summary>
public sealed class MetricsWriter : IAsyncDisposable
{
    /// <summary>Series (a metric's one-minute buckets, or a function's) held between two commits.</summary>
    public const int SeriesCapacity = 100_000;

    /// <summary>
    /// CloudWatch shows a metric about a minute after it happened; a second of pacing is invisible, and metric reads
    /// flush first. Each commit costs an fsync (about half a millisecond of kernel CPU here), so fewer is cheaper.
    /// </summary>
    public static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    private readonly IMetricStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PacedWriter<MetricBuffers> _writer;

    public MetricsWriter(IMetricStore store, TimeProvider time, ILogger<MetricsWriter> logger)
        : this(store, time, (ILogger)logger)
    {
    }

    internal MetricsWriter(IMetricStore store, TimeProvider time, ILogger logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _writer = new PacedWriter<MetricBuffers>(new PacedBatchOptions(SeriesCapacity, SeriesCapacity, CommitInterval), () => new MetricBuffers(), buffers =>
        {
            Store(buffers);
            return Task.CompletedTask;
        }, (exception, count) => MetricsLogMessages.MetricsWriteFailed(_logger, exception, count));
    }

    /// <summary>Adds to the buffers under the writer's lock; <paramref name="describe"/> names what was dropped if they are full.</summary>
    internal void Add<TState>(TState state, Action<MetricBuffers, TState> add, Func<TState, string> describe)
    {
        // Refused while stopping is not a full buffer: the server is shutting down.
        if (!_writer.TryAdd(state, add) && !_writer.IsStopping)
        {
            MetricsLogMessages.MetricsDropped(_logger, describe(state));
        }
    }

    /// <summary>Completes once every value published before the call is stored (tests, shutdown, metric reads).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    /// <summary>Stores buffers synchronously, in one transaction (the writer's step; also used by tests).</summary>
    internal void Store(MetricBuffers buffers)
    {
        var lambda = new MetricAccumulator(AwsScope.Default);
        foreach (var (key, figures) in buffers.Lambda.Series)
        {
            LambdaMetricSet.Accumulate(key, figures, lambda);
        }
        var writes = new List<MetricWrite>(lambda.Drain());
        writes.AddRange(buffers.Service.Drain());
        _store.Write(writes, _time.GetUtcNow());
    }

    /// <summary>Refuses new values and writes everything already published.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _writer.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
