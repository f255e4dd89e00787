using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// The background work AWS does on its own schedule: deletes items whose TTL has passed (each deletion is a REMOVE
/// stream record by the DynamoDB service principal), drops stream records older than 24 hours and transaction
/// tokens older than 10 minutes. Ticks on <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
internal sealed partial class ExpirySweeper : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StreamRetention = TimeSpan.FromHours(24);

    /// <summary>AWS ignores TTL values more than five years in the past (they are probably not epoch seconds).</summary>
    private static readonly TimeSpan IgnoreOlderThan = TimeSpan.FromDays(5 * 365);

    private readonly IDynamoStore _store;
    private readonly TableCatalog _catalog;
    private readonly ItemService _items;
    private readonly TimeProvider _time;
    private readonly ILogger<ExpirySweeper> _logger;

    public ExpirySweeper(IDynamoStore store, TableCatalog catalog, ItemService items, TimeProvider time, ILogger<ExpirySweeper> logger)
    {
        _store = store;
        _catalog = catalog;
        _items = items;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync();
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogSweepFailed(_logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass; returns the number of items deleted by TTL.</summary>
    public async Task<int> SweepAsync()
    {
        var now = _time.GetUtcNow();
        var deleted = 0;
        foreach (var table in _catalog.All.Where(t => t.TtlAttribute is not null).ToList())
        {
            var expired = _store.Scan(new ScanRequest { TableId = table.Id })
                .Where(row => IsExpired(AttributeValueWriter.ItemFromBytes(row.Item.Item), table.TtlAttribute!, now))
                .Select(row => (row.Item.HashKey, row.Item.RangeKey))
                .ToList();
            foreach (var key in expired)
            {
                // Re-checked inside the write: the item may have been updated since the scan.
                var (old, _, _) = await _store.WriteAsync(w => _items.Mutate(w, table, key,
                    current => current is not null && IsExpired(current, table.TtlAttribute!, now) ? null : current, byTtl: true));
                deleted += old is not null && IsExpired(old, table.TtlAttribute!, now) ? 1 : 0;
            }
        }
        var cutoff = now.ToUnixTimeMilliseconds();
        _store.TrimStreams(cutoff - (long)StreamRetention.TotalMilliseconds);
        _store.TrimTokens(cutoff - (long)TransactionService.TokenLifetime.TotalMilliseconds);
        if (deleted > 0)
        {
            LogExpired(_logger, deleted);
        }
        return deleted;
    }

    private static bool IsExpired(IReadOnlyDictionary<string, AttributeValue> item, string attribute, DateTimeOffset now)
    {
        if (!item.TryGetValue(attribute, out var value) || value.Kind != AttributeKind.N)
        {
            return false;
        }
        var seconds = (double)value.N.Mantissa * Math.Pow(10, value.N.Exponent);
        var nowSeconds = now.ToUnixTimeSeconds();
        return seconds <= nowSeconds && seconds >= nowSeconds - IgnoreOlderThan.TotalSeconds;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "DynamoDB TTL deleted {Count} expired items")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "DynamoDB expiry sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
