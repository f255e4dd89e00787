using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.Core.Metering;
using Nimbus.Core.Queues;

namespace Nimbus.Billing.Usage;

/// <summary>
/// Receives Lambda's invocation reports and other services' usage records, queues them (both run on hot paths)
/// and adds them to the daily totals in batches, one transaction per batch at most every <see cref="CommitInterval"/>.
/// Stopping the host drains the queue.
/// </summary>
public sealed partial class UsageRecorder : IHostedService, IAsyncDisposable, IInvocationReportSink, IUsageMeter
{
    public const int QueueCapacity = 100_000;

    /// <summary>
    /// Usage is reported by the day and cost reports flush first; a second of pacing turns a busy second's invokes
    /// into one upsert per key and one fsync (about half a millisecond of kernel CPU here).
    /// </summary>
    public static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    private readonly IUsageStore _store;
    private readonly ILogger<UsageRecorder> _logger;
    private readonly PacedBatchWriter<UsageIncrement[]> _writer;

    public UsageRecorder(IUsageStore store, ILogger<UsageRecorder> logger)
    {
        _store = store;
        _logger = logger;
        _writer = new PacedBatchWriter<UsageIncrement[]>(new PacedBatchOptions(QueueCapacity, 10_000, CommitInterval), Store,
            (exception, count) => LogWriteFailed(_logger, exception, count));
    }

    public void Publish(FunctionInvocationReport report) => Enqueue(LambdaUsage.For(report).ToArray(), report.FunctionName);

    public void Record(UsageRecord record) => Enqueue(
        [new UsageIncrement(record.Scope.AccountId, DateOnly.FromDateTime(record.Timestamp.UtcDateTime), record.Service, record.UsageType, record.Resource, (decimal)record.Quantity,
            record.Timestamp.UtcDateTime.Hour)],
        record.Resource);

    /// <summary>Completes once everything queued before the call is stored.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _writer.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private Task Store(IReadOnlyList<UsageIncrement[]> items)
    {
        var increments = new List<UsageIncrement>(items.Count);
        foreach (var item in items)
        {
            increments.AddRange(item);
        }
        _store.Add(increments);
        return Task.CompletedTask;
    }

    private void Enqueue(UsageIncrement[] increments, string resource)
    {
        // Refused while stopping is not a full queue: the server is shutting down (an hourly storage sample may land then).
        if (increments.Length > 0 && !_writer.TryEnqueue(increments) && !_writer.IsStopping)
        {
            LogDropped(_logger, resource);
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "Storing the usage of {ItemCount} metered events failed; it is lost")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int itemCount);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "The usage queue is full; usage of {Resource} was dropped")]
    private static partial void LogDropped(ILogger logger, string resource);
}
