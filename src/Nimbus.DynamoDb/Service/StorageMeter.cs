using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.Core;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// Meters table storage as AWS bills it, usage type <c>TimedStorage-ByteHrs</c> in the price table's unit, GB-Month:
/// every <see cref="DynamoDbSettings.StorageSampleInterval"/> (hourly by default, on <see cref="TimeProvider"/>) each
/// table's size — its items, its index entries, and 100 bytes per item
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html) — is recorded for
/// that stretch of the month: bytes / 2^30 × interval hours / hours in the month.
/// </summary>
internal sealed partial class StorageMeter(IDynamoStore store, TableCatalog catalog, DynamoDbMeter meter, DynamoDbSettings settings,
    TimeProvider time, ILogger<StorageMeter> logger) : BackgroundService
{
    public const string UsageType = "TimedStorage-ByteHrs";
    private const int ItemOverheadBytes = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var interval = settings.StorageSampleInterval;
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, settings.Changed);
            try
            {
                await Task.Delay(interval, time, wake.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                continue; // the interval changed: start over with the new one
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                Sample(interval);
            }
            catch (Exception exception)
            {
                LogSampleFailed(logger, exception);
            }
        }
    }

    /// <summary>Records one interval's storage of every table.</summary>
    public void Sample(TimeSpan interval)
    {
        var now = time.GetUtcNow();
        var hoursInMonth = DateTime.DaysInMonth(now.Year, now.Month) * 24.0;
        foreach (var table in catalog.All.ToList())
        {
            if (store.Statistics(table.Id) is not { } statistics)
            {
                continue;
            }
            var bytes = statistics.Values.Sum(s => s.Bytes) + statistics.GetValueOrDefault("").Count * ItemOverheadBytes;
            var gigabyteMonths = bytes / (1024.0 * 1024 * 1024) * interval.TotalHours / hoursInMonth;
            meter.Record(new AwsScope(table.AccountId, table.Region), UsageType, table.Name, gigabyteMonths);
        }
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "DynamoDB storage metering failed")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
