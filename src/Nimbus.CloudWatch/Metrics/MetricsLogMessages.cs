using Microsoft.Extensions.Logging;

namespace Nimbus.CloudWatch.Metrics;

/// <summary>CloudWatch metrics' log messages; event ids 3100–3199.</summary>
internal static partial class MetricsLogMessages
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Storing {ItemCount} published metric values failed; they are lost")]
    public static partial void MetricsWriteFailed(ILogger logger, Exception exception, int itemCount);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "A metrics queue is full; the metrics of {Item} were dropped")]
    public static partial void MetricsDropped(ILogger logger, string item);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "Metric retention: rolled up or deleted {BucketCount} buckets, forgot {MetricCount} idle metrics")]
    public static partial void RetentionPass(ILogger logger, int bucketCount, int metricCount);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "Metric retention pass failed; it will be retried")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);
}
