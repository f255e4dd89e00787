using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Logs.Store;

namespace Nimbus.CloudWatch.Logs;

/// <summary>
/// Enforces log groups' retention policies: at start-up and every <see cref="Interval"/>, deletes events older
/// than their group's <c>retentionInDays</c>, in batches so a large backlog does not hold the database.
/// </summary>
internal sealed partial class LogRetention : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    private const int BatchSize = 5000;

    private readonly ILogStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<LogRetention> _logger;

    public LogRetention(ILogStore store, TimeProvider time, ILogger<LogRetention> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>One pass; returns how many events were deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var total = 0;
        int deleted;
        do
        {
            deleted = await _store.DeleteExpiredEventsAsync(now, BatchSize, cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await PassAsync(stoppingToken);
                await Task.Delay(Interval, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PassAsync(CancellationToken stoppingToken)
    {
        try
        {
            LogPass(_logger, await RunOnceAsync(stoppingToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(_logger, exception);
        }
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Debug, Message = "Log retention deleted {EventCount} expired events")]
    private static partial void LogPass(ILogger logger, int eventCount);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "Log retention pass failed; it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
