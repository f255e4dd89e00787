using Microsoft.Extensions.Hosting;
using Nimbus.Core;
using Nimbus.Core.Metering;
using Nimbus.S3.Store;

namespace Nimbus.S3.Metering;

/// <summary>
/// Meters storage as AWS bills it: <c>TimedStorage-ByteHrs</c>, bytes stored (current and noncurrent versions, and
/// parts of uploads in progress) times the hours they were stored, priced per GB-Month. Each bucket's bytes are sampled
/// every <see cref="Period"/> (and at shutdown) and the elapsed time since the last sample is charged at that size,
/// in the price table's unit: GB (2^30 bytes) × hours ÷ the hours of the month.
/// </summary>
internal sealed class S3StorageSampler : BackgroundService
{
    public const string UsageType = "TimedStorage-ByteHrs";

    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    private readonly IS3MetadataStore _store;
    private readonly TimeProvider _time;
    private readonly IUsageMeter? _meter;
    private readonly Lock _sampling = new();
    /// <summary>Created with the sampler, so the first period counts from start-up whenever ExecuteAsync gets to run.</summary>
    private readonly PeriodicTimer _timer;
    private DateTimeOffset _last;

    public S3StorageSampler(IS3MetadataStore store, TimeProvider time, IUsageMeter? meter = null)
    {
        _store = store;
        _time = time;
        _meter = meter;
        _last = time.GetUtcNow();
        _timer = new PeriodicTimer(Period, time);
    }

    /// <summary>Charges each bucket's current size for the time since the previous sample.</summary>
    public void Sample()
    {
        if (_meter is null)
        {
            return;
        }
        lock (_sampling)
        {
            var now = _time.GetUtcNow();
            var hours = (now - _last).TotalHours;
            _last = now;
            if (hours <= 0)
            {
                return;
            }
            var hoursInMonth = DateTime.DaysInMonth(now.Year, now.Month) * 24.0;
            foreach (var (bucket, account, region, bytes) in _store.StoredBytes())
            {
                if (bytes > 0)
                {
                    _meter.Record(new UsageRecord(new AwsScope(account, region), "s3", UsageType, bucket, bytes / (double)(1L << 30) * hours / hoursInMonth, now));
                }
            }
        }
    }

    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Sample();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(stoppingToken))
            {
                Sample();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync takes the last sample.
        }
    }
}
