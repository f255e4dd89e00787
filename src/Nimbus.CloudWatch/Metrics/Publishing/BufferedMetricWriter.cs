using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core.Queues;

namespace Nimbus.CloudWatch.Metrics.Publishing;

/// <summary>
/// The shape every automatically published metric source shares. Publishing adds to running sums in a buffer (it
/// runs on invoke and request paths: a lock, a dictionary hit, nothing queued that outlives a collection); a
/// <see cref="PacedWriter{TBuffer}"/> stores the buffer at most every <see cref="CommitInterval"/> in one
/// transaction, so thousands of events a second cost a few row updates. The buffer is bounded by its number of
/// series: if storage falls that far behind, values are dropped with a warning rather than stalling callers.
/// Stopping the host writes what is buffered.
/// </summary>
/// <typeparam name="TBuffer">The sums the source keeps between commits.</typeparam>
public abstract class BufferedMetricWriter<TBuffer> : IHostedService, IAsyncDisposable where TBuffer : class, IPacedBuffer
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
    private readonly PacedWriter<TBuffer> _writer;

    protected BufferedMetricWriter(IMetricStore store, TimeProvider time, ILogger logger, Func<TBuffer> newBuffer)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _writer = new PacedWriter<TBuffer>(new PacedBatchOptions(SeriesCapacity, SeriesCapacity, CommitInterval), newBuffer, buffer =>
        {
            Store(buffer);
            return Task.CompletedTask;
        }, (exception, count) => MetricsLogMessages.MetricsWriteFailed(_logger, exception, count));
    }

    /// <summary>The metric values the buffer's sums stand for, in one-minute buckets.</summary>
    protected abstract IReadOnlyList<MetricWrite> Writes(TBuffer buffer);

    /// <summary>Adds to the buffer under the writer's lock; <paramref name="describe"/> names what was dropped if it is full.</summary>
    protected void Add<TState>(TState state, Action<TBuffer, TState> add, Func<TState, string> describe)
    {
        // Refused while stopping is not a full buffer: the server is shutting down.
        if (!_writer.TryAdd(state, add) && !_writer.IsStopping)
        {
            MetricsLogMessages.MetricsDropped(_logger, describe(state));
        }
    }

    /// <summary>Completes once every value published before the call is stored (tests, shutdown, metric reads).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    /// <summary>Stores a buffer synchronously (the writer's step; also used by tests).</summary>
    protected void Store(TBuffer buffer) => _store.Write(Writes(buffer), _time.GetUtcNow());

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _writer.StopAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _writer.DisposeAsync();
    }
}
