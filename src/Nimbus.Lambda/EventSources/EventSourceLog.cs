using Microsoft.Extensions.Logging;

namespace Nimbus.Lambda.EventSources;

/// <summary>Log messages of the event source mapping poller (event ids 3300–3309).</summary>
internal static partial class EventSourceLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Event source mapping {Uuid} started polling {Source} for {Function}")]
    public static partial void Started(ILogger logger, string uuid, string source, string function);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Event source mapping {Uuid}: invoking {Function} failed ({Reason}), attempt {Attempt}")]
    public static partial void BatchFailed(ILogger logger, string uuid, string function, string reason, int attempt);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning,
        Message = "Event source mapping {Uuid} discarded {Count} records ({FirstSequence}..{LastSequence}): {Reason}; on-failure destination {Destination}")]
    public static partial void Discarded(ILogger logger, string uuid, int count, string firstSequence, string lastSequence, string reason, string destination);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Error, Message = "Event source mapping {Uuid} poller crashed; restarting it")]
    public static partial void Crashed(ILogger logger, Exception exception, string uuid);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Information, Message = "Event source mappings: {Count} loaded")]
    public static partial void Loaded(ILogger logger, int count);

    [LoggerMessage(EventId = 3305, Level = LogLevel.Information, Message = "Event source mapping {Uuid} sent the record of {Count} discarded records to {Destination} as {Key}")]
    public static partial void FailureDelivered(ILogger logger, string uuid, int count, string destination, string key);

    [LoggerMessage(EventId = 3306, Level = LogLevel.Warning, Message = "Event source mapping {Uuid} could not send the record of {Count} discarded records to {Destination}: {Reason}")]
    public static partial void FailureNotDelivered(ILogger logger, string uuid, int count, string destination, string reason);
}
