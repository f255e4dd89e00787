using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.Core.Invocation;
using Nimbus.Core.Metering;

namespace Nimbus.Lambda.EventSources;

/// <summary>
/// Runs the event source mappings: settles each change the control plane announces (<c>Creating</c> →
/// <c>Enabled</c>, <c>Deleting</c> → removed, …) and keeps one <see cref="StreamMappingWorker"/> running per enabled
/// mapping. At start-up every stored mapping is reconciled, so polling resumes from the stored checkpoints.
/// </summary>
internal sealed class StreamMappingPoller : BackgroundService
{
    private readonly Dictionary<string, (CancellationTokenSource Stop, Task Run)> _workers = new(StringComparer.Ordinal);
    private readonly EventSourceMappingService _service;
    private readonly IEventSourceMappingStore _store;
    private readonly IFunctionInvoker _invoker;
    private readonly IMetricPublisher? _metrics;
    private readonly StreamFailureDestination _failures;
    private readonly EventSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StreamMappingPoller> _logger;

    public StreamMappingPoller(EventSourceMappingService service, IEventSourceMappingStore store, IFunctionInvoker invoker,
        IEnumerable<IMetricPublisher> metrics, StreamFailureDestination failures, EventSourceOptions options, TimeProvider time, ILogger<StreamMappingPoller> logger)
    {
        _service = service;
        _store = store;
        _invoker = invoker;
        _metrics = metrics.FirstOrDefault();
        _failures = failures;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Tests hold this to observe a mapping while its change is still pending (<c>Creating</c>, <c>Deleting</c>).</summary>
    internal Task ReconcileGate { get; set; } = Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var stored = _service.All.Select(m => m.Uuid).ToList();
            EventSourceLog.Loaded(_logger, stored.Count);
            foreach (var uuid in stored)
            {
                await ReconcileAsync(uuid);
            }
            await foreach (var uuid in _service.Changes.ReadAllAsync(stoppingToken))
            {
                await ReconcileGate.WaitAsync(stoppingToken);
                await ReconcileAsync(uuid);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var uuid in _workers.Keys.ToList())
            {
                await StopWorkerAsync(uuid);
            }
        }
    }

    private async Task ReconcileAsync(string uuid)
    {
        var mapping = _service.Find(uuid);
        if (mapping is null || mapping.IsTransitional)
        {
            // A change applies to a stopped worker: an update restarts polling with the new settings from the checkpoint.
            await StopWorkerAsync(uuid);
            mapping = _service.Settle(uuid);
        }
        if (mapping is { State: MappingStates.Enabled })
        {
            StartWorker(mapping);
        }
        else
        {
            await StopWorkerAsync(uuid);
        }
    }

    private void StartWorker(EventSourceMapping mapping)
    {
        if (_workers.ContainsKey(mapping.Uuid) || _service.Streams is not { } source)
        {
            return;
        }
        var stop = new CancellationTokenSource();
        var worker = new StreamMappingWorker(mapping, source, _store, _service, _invoker, _metrics, _failures, _options, _time, _logger);
        _workers[mapping.Uuid] = (stop, Task.Run(() => RunWorkerAsync(worker, mapping.Uuid, stop.Token)));
    }

    /// <summary>Keeps a worker alive across unexpected failures (a store error, say); it resumes from its checkpoint.</summary>
    private async Task RunWorkerAsync(StreamMappingWorker worker, string uuid, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await worker.RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                EventSourceLog.Crashed(_logger, exception, uuid);
                try
                {
                    await Task.Delay(_options.MaxRetryDelay, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task StopWorkerAsync(string uuid)
    {
        if (!_workers.Remove(uuid, out var worker))
        {
            return;
        }
        await worker.Stop.CancelAsync();
        try
        {
            await worker.Run;
        }
        catch (OperationCanceledException)
        {
        }
        worker.Stop.Dispose();
    }
}
