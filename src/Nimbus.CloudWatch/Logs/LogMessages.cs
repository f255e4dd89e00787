using Microsoft.Extensions.Logging;

namespace Nimbus.CloudWatch.Logs;

/// <summary>CloudWatch's log messages; event ids 3000–3099.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Storing {BatchCount} batches of ingested log events failed; they are lost")]
    public static partial void IngestionWriteFailed(ILogger logger, Exception exception, int batchCount);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Stored {EventCount} ingested log events for {StreamCount} streams in one transaction")]
    public static partial void IngestionBatchStored(ILogger logger, int eventCount, int streamCount);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Log events for {LogGroup} appended after ingestion stopped were dropped")]
    public static partial void IngestionStopped(ILogger logger, string logGroup);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "The log ingestion queue is full; log events for {LogGroup} were dropped")]
    public static partial void IngestionQueueFull(ILogger logger, string logGroup);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "Logs Insights query {QueryId} failed")]
    public static partial void QueryFailed(ILogger logger, Exception exception, string queryId);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Debug, Message = "Logs Insights query {QueryId} ended {Status} after scanning {Records} records")]
    public static partial void QueryEnded(ILogger logger, string queryId, string status, long records);
}
