using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Store;

namespace Nimbus.CloudWatch.Metrics.Publishing;

/// <summary>
/// What a metric source that publishes through the shared <see cref="MetricsWriter"/> has in common: flushing,
/// stopping with the host, and — for a sink made with a writer of its own (tests) — stopping that writer when disposed.
/// </summary>
public abstract class MetricsWriterSink : IHostedService, IAsyncDisposable
{
    private readonly bool _ownsWriter;

    protected MetricsWriterSink(MetricsWriter writer)
    {
        Writer = writer;
    }

    /// <summary>A sink with a writer of its own, stopped when the sink is disposed (tests).</summary>
    private protected MetricsWriterSink(IMetricStore store, TimeProvider time, ILogger logger)
        : this(new MetricsWriter(store, time, logger))
    {
        _ownsWriter = true;
    }

    private protected MetricsWriter Writer { get; }

    /// <summary>Completes once every value published before the call is stored (with every other published metric).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => Writer.FlushAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Writer.StopAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _ownsWriter ? Writer.DisposeAsync() : ValueTask.CompletedTask;
    }
}
