using Microsoft.Extensions.Logging;
using Nimbus.Core.Invocation;
using Nimbus.Core.Metering;
using Nimbus.Core.Patterns;
using Nimbus.Core.Streams;

namespace Nimbus.Lambda.EventSources;

/// <summary>
/// Polls one enabled mapping's stream and delivers it to the function in order, one batch at a time: the checkpoint
/// moves only after a batch succeeded (at-least-once), a failed batch is retried (bisected when asked) until its
/// retries or its records' age run out, then skipped. A new worker starts for each settled configuration.
/// </summary>
internal sealed partial class StreamMappingWorker
{
    private readonly EventSourceMapping _mapping;
    private readonly ITableStreamSource _source;
    private readonly IEventSourceMappingStore _store;
    private readonly EventSourceMappingService _service;
    private readonly IFunctionInvoker _invoker;
    private readonly IMetricPublisher? _metrics;
    private readonly StreamFailureDestination _failures;
    private readonly EventSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventPattern[]? _filters;
    private readonly List<StreamBatch> _pending = [];
    private string? _checkpoint;
    private string _shardId = "";

    public StreamMappingWorker(EventSourceMapping mapping, ITableStreamSource source, IEventSourceMappingStore store, EventSourceMappingService service,
        IFunctionInvoker invoker, IMetricPublisher? metrics, StreamFailureDestination failures, EventSourceOptions options, TimeProvider time, ILogger logger)
    {
        _mapping = mapping;
        _source = source;
        _store = store;
        _service = service;
        _invoker = invoker;
        _metrics = metrics;
        _failures = failures;
        _options = options;
        _time = time;
        _logger = logger;
        _filters = mapping.FilterPatterns?.Select(EventPattern.Parse).ToArray();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _pending.Clear();
        _checkpoint = _store.GetCheckpoint(_mapping.Uuid);
        _shardId = _source.ShardId(_mapping.EventSourceArn) ?? "";
        EventSourceLog.Started(_logger, _mapping.Uuid, _mapping.EventSourceArn, _mapping.FunctionName);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_pending.Count == 0)
            {
                var collected = await CollectAsync(cancellationToken);
                if (collected is null)
                {
                    continue;
                }
                if (collected.Records.Count == 0)
                {
                    // Every record was filtered out: AWS drops them and moves on.
                    Commit(collected.LastSequenceNumber);
                    continue;
                }
                _pending.Add(collected);
            }
            await ProcessFirstPendingAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Reads up to BatchSize records after the checkpoint; with a batching window, keeps reading until the batch is
    /// full, the window has passed since the first record arrived, or the event would exceed 6 MB. Null when the
    /// stream had nothing new (after waiting one poll interval).
    /// </summary>
    private async Task<StreamBatch?> CollectAsync(CancellationToken cancellationToken)
    {
        var records = new List<TableStreamRecord>(_source.Read(_mapping.EventSourceArn, _checkpoint, _mapping.BatchSize));
        if (records.Count == 0)
        {
            await Task.Delay(_options.PollInterval, _time, cancellationToken);
            return null;
        }
        var deadline = _time.GetUtcNow().AddSeconds(_mapping.MaximumBatchingWindowInSeconds);
        while (records.Count < _mapping.BatchSize && _time.GetUtcNow() < deadline && PayloadSize(records) < StreamEvent.MaxPayloadBytes)
        {
            var wait = deadline - _time.GetUtcNow();
            await Task.Delay(wait < _options.PollInterval ? wait : _options.PollInterval, _time, cancellationToken);
            records.AddRange(_source.Read(_mapping.EventSourceArn, records[^1].SequenceNumber, _mapping.BatchSize - records.Count));
        }
        var kept = FitPayload(records);
        var passed = _filters is null ? kept : kept.Where(Passes).ToList();
        return new StreamBatch(passed, kept[^1].SequenceNumber);
    }

    /// <summary>The longest prefix whose event stays within the synchronous payload limit (at least one record).</summary>
    private List<TableStreamRecord> FitPayload(List<TableStreamRecord> records)
    {
        var size = 16;
        var overhead = StreamEvent.Overhead(_mapping.EventSourceArn);
        for (var i = 0; i < records.Count; i++)
        {
            size += records[i].Json.Length + overhead;
            if (size > StreamEvent.MaxPayloadBytes && i > 0)
            {
                return records.GetRange(0, i);
            }
        }
        return records;
    }

    private int PayloadSize(List<TableStreamRecord> records) =>
        16 + records.Sum(r => r.Json.Length + StreamEvent.Overhead(_mapping.EventSourceArn));

    /// <summary>Lambda's event filtering: a record reaches the function when any filter's pattern matches it.</summary>
    private bool Passes(TableStreamRecord record)
    {
        using var document = System.Text.Json.JsonDocument.Parse(record.Json);
        return _filters!.Any(f => f.Matches(document.RootElement));
    }

    private void Commit(string sequenceNumber)
    {
        _store.SaveCheckpoint(_mapping.Uuid, sequenceNumber);
        _checkpoint = sequenceNumber;
    }
}
