namespace Nimbus.CloudWatch.Metrics.Model;

/// <summary>
/// How long each resolution is kept, as CloudWatch does
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#metrics-retention):
/// sub-minute data 3 hours, one-minute data 15 days, five-minute data 63 days, one-hour data 455 days (15 months).
/// Older data is aggregated into the next coarser resolution and deleted.
/// </summary>
public static class MetricResolutions
{
    public const int HighResolution = 1;
    public const int Minute = 60;
    public const int FiveMinutes = 300;
    public const int Hour = 3600;

    /// <summary>(resolution, kept for, rolled into — 0 when the data is simply deleted).</summary>
    public static readonly IReadOnlyList<(int Resolution, TimeSpan KeptFor, int RollsInto)> Retention =
    [
        (HighResolution, TimeSpan.FromHours(3), Minute),
        (Minute, TimeSpan.FromDays(15), FiveMinutes),
        (FiveMinutes, TimeSpan.FromDays(63), Hour),
        (Hour, TimeSpan.FromDays(455), 0),
    ];

    public static long BucketOf(DateTimeOffset timestamp, int resolution)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        return seconds - ((seconds % resolution) + resolution) % resolution;
    }
}
