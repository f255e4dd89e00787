using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Store;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>
/// The background job that keeps metric storage bounded: buckets older than their resolution's retention are
/// aggregated into the next coarser resolution and deleted (1 s → 1 min after 3 h, 1 min → 5 min after 15 days,
/// 5 min → 1 h after 63 days), one-hour buckets are deleted after 455 days, and metrics with no data left are
/// forgotten. Runs at start-up and then every <see cref="Interval"/>.
/// </summary>
public sealed class MetricRetention : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private const int BatchSize = 5000;

    private readonly IMetricStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<MetricRetention> _logger;

    public MetricRetention(IMetricStore store, TimeProvider time, ILogger<MetricRetention> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>One pass; returns how many buckets were rolled up or deleted.</summary>
    public int RunOnce()
    {
        var now = _time.GetUtcNow();
        var total = 0;
        foreach (var (resolution, keptFor, rollsInto) in MetricResolutions.Retention)
        {
            // Only whole target buckets are rolled up, so a coarse bucket is never written twice from halves.
            var cutoff = MetricResolutions.BucketOf(now - keptFor, rollsInto > 0 ? rollsInto : resolution);
            int done;
            do
            {
                done = _store.RollUp(resolution, cutoff, rollsInto, BatchSize);
                total += done;
            }
            while (done == BatchSize);
        }
        var forgotten = _store.DeleteIdleMetrics(now - TimeSpan.FromDays(15));
        MetricsLogMessages.RetentionPass(_logger, total, forgotten);
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                RunOnce();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                MetricsLogMessages.RetentionFailed(_logger, exception);
            }
            try
            {
                await Task.Delay(Interval, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
