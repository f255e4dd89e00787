using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.Core.Metering;

namespace Nimbus.Billing.Usage;

/// <summary>
/// Receives Lambda's invocation reports and other services' usage records, queues them (both run on hot paths)
/// and adds them to the daily totals in batches, one transaction per batch. Stopping the host drains the queue.
/// </summary>
public sealed partial class UsageRecorder : BackgroundService, IInvocationReportSink, IUsageMeter
{
    public const int QueueCapacity = 100_000;

    private readonly Channel<UsageIncrement[]> _queue = Channel.CreateBounded<UsageIncrement[]>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly IUsageStore _store;
    private readonly ILogger<UsageRecorder> _logger;
    private long _queued;
    private long _stored;
    private TaskCompletionSource _batchDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public UsageRecorder(IUsageStore store, ILogger<UsageRecorder> logger)
    {
        _store = store;
        _logger = logger;
    }

    public void Publish(FunctionInvocationReport report) => Enqueue(LambdaUsage.For(report).ToArray(), report.FunctionName);

    public void Record(UsageRecord record) => Enqueue(
        [new UsageIncrement(record.Scope.AccountId, DateOnly.FromDateTime(record.Timestamp.UtcDateTime), record.Service, record.UsageType, record.Resource, (decimal)record.Quantity)],
        record.Resource);

    /// <summary>Completes once everything queued before the call is stored.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _queued);
        while (Interlocked.Read(ref _stored) < target)
        {
            await Volatile.Read(ref _batchDone).Task.WaitAsync(cancellationToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<UsageIncrement>();
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            var items = 0;
            while (items < 10_000 && _queue.Reader.TryRead(out var increments))
            {
                batch.AddRange(increments);
                items++;
            }
            try
            {
                _store.Add(batch);
            }
            catch (Exception exception)
            {
                LogWriteFailed(_logger, exception, items);
            }
            batch.Clear();
            Interlocked.Add(ref _stored, items);
            Interlocked.Exchange(ref _batchDone, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private void Enqueue(UsageIncrement[] increments, string resource)
    {
        if (increments.Length == 0)
        {
            return;
        }
        if (_queue.Writer.TryWrite(increments))
        {
            Interlocked.Increment(ref _queued);
        }
        else
        {
            LogDropped(_logger, resource);
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "Storing the usage of {ItemCount} metered events failed; it is lost")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int itemCount);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "The usage queue is full; usage of {Resource} was dropped")]
    private static partial void LogDropped(ILogger logger, string resource);
}
