namespace Nimbus.CloudWatch.Logs;

/// <summary>CloudWatch Logs quotas (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html).</summary>
internal static class LogsLimits
{
    public const int DescribeDefaultLimit = 50;
    public const int EventsDefaultLimit = 10_000;
    public const int MaxResponseBytes = 1_048_576;
    public const int MaxBatchBytes = 1_048_576;
    public const int MaxBatchEvents = 10_000;

    /// <summary>What an event counts towards the 1 MB page and batch limits: its UTF-8 bytes plus 26 (AWS's rule).</summary>
    public const int EventOverheadBytes = 26;

    /// <summary>PutLogEvents rejects events more than 2 hours in the future or older than 14 days.</summary>
    public static readonly TimeSpan TooNew = TimeSpan.FromHours(2);

    public static readonly TimeSpan TooOld = TimeSpan.FromDays(14);

    public static readonly TimeSpan MaxBatchSpan = TimeSpan.FromHours(24);

    public static int SizeOf(string message) => System.Text.Encoding.UTF8.GetByteCount(message) + EventOverheadBytes;
}
