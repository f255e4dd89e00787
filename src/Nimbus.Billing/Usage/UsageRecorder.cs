using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.Core.Metering;
using Nimbus.Core.Queues;

namespace Nimbus.Billing.Usage;

/// <summary>
/// Receives Lambda's invocation reports and other services' usage records (both on hot paths) and adds them to
/// running sums per day, hour and resource; the sums are added to the stored totals in one transaction at most every
/// <see cref="CommitInterval"/>. Stopping the host writes what is summed.
/// </summary>
public sealed partial class UsageRecorder : IHostedService, IAsyncDisposable, IInvocationReportSink, IUsageMeter
{
    /// <summary>Distinct (account, hour, usage type, resource) sums held between two commits.</summary>
    public const int SumCapacity = 100_000;

    /// <summary>
    /// Usage is reported by the day and hour, and cost reports flush first; a second of pacing turns a busy second's
    /// invokes into one upsert per key and one fsync (about half a millisecond of kernel CPU here).
    /// </summary>
    public static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    private readonly IUsageStore _store;
    private readonly ILogger<UsageRecorder> _logger;
    private readonly PacedWriter<UsageBuffer> _writer;

    public UsageRecorder(IUsageStore store, ILogger<UsageRecorder> logger)
    {
        _store = store;
        _logger = logger;
        _writer = new PacedWriter<UsageBuffer>(new PacedBatchOptions(SumCapacity, SumCapacity, CommitInterval), () => new UsageBuffer(), Store,
            (exception, count) => LogWriteFailed(_logger, exception, count));
    }

    public void Publish(FunctionInvocationReport report)
    {
        if (!report.IsThrottle)
        {
            Enqueue(report, static (totals, r) => LambdaUsage.AddTo(totals, r), report.FunctionName);
        }
    }

    public void Record(UsageRecord record) => Enqueue(record, static (totals, r) =>
    {
        var at = r.Timestamp.UtcDateTime;
        totals.Add(r.Scope.AccountId, DateOnly.FromDateTime(at), at.Hour, r.Service, r.UsageType, r.Resource, (decimal)r.Quantity);
    }, record.Resource);

    /// <summary>Completes once everything recorded before the call is stored.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _writer.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private Task Store(UsageBuffer totals)
    {
        _store.Add(totals.Increments());
        return Task.CompletedTask;
    }

    private void Enqueue<TState>(TState state, Action<UsageBuffer, TState> add, string resource)
    {
        // Refused while stopping is not a full buffer: the server is shutting down (an hourly storage sample may land then).
        if (!_writer.TryAdd(state, add) && !_writer.IsStopping)
        {
            LogDropped(_logger, resource);
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "Storing the usage of {ItemCount} metered events failed; it is lost")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int itemCount);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "The usage buffer is full; usage of {Resource} was dropped")]
    private static partial void LogDropped(ILogger logger, string resource);
}
