using Microsoft.Extensions.Logging;

namespace Nimbus.S3.Notifications;

/// <summary>S3 event notification log messages (event ids 4100–4199).</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "S3 event for {FunctionArn} dropped after {Attempts} attempts: {Reason}")]
    public static partial void Dropped(ILogger logger, string functionArn, int attempts, string reason);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "S3 event for {FunctionArn} not delivered yet (attempt {Attempts}): {Reason}")]
    public static partial void Retrying(ILogger logger, string functionArn, int attempts, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Recovered the S3 event of {Bucket}/{Key} (sequence {Sequence}) whose request ended before recording it")]
    public static partial void Recovered(ILogger logger, string bucket, string key, long sequence);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "The S3 event dispatcher failed; it retries")]
    public static partial void DispatcherFailed(ILogger logger, Exception exception);
}
