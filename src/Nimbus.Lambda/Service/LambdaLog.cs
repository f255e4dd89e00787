using Microsoft.Extensions.Logging;

namespace Nimbus.Lambda.Service;

/// <summary>Lambda's log messages (event ids 3000–3099).</summary>
internal static partial class LambdaLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Lambda loaded {Count} functions")]
    public static partial void Loaded(ILogger logger, int count);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Unpacking the code of function {Function} failed")]
    public static partial void UnpackFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Function {Function} created ({Runtime})")]
    public static partial void Created(ILogger logger, string function, string runtime);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Function {Function} deleted")]
    public static partial void Deleted(ILogger logger, string function);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Asynchronous invocation {RequestId} of {Function} failed: {Reason}")]
    public static partial void AsyncFailed(ILogger logger, string requestId, string function, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Asynchronous invocation {RequestId} of {Function} crashed")]
    public static partial void AsyncCrashed(ILogger logger, Exception exception, string requestId, string function);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Invocation report sink {Sink} failed")]
    public static partial void ReportSinkFailed(ILogger logger, Exception exception, string sink);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning,
        Message = "Asynchronous invocation {RequestId} of {Function}: the {Condition} record for {Destination} is not delivered (Nimbus has no such service yet)")]
    public static partial void DestinationNotDelivered(ILogger logger, string requestId, string function, string condition, string destination);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning,
        Message = "Asynchronous invocation {RequestId} of {Function}: destination function {Destination} does not exist; the {Condition} record is dropped")]
    public static partial void DestinationMissing(ILogger logger, string requestId, string function, string condition, string destination);

    [LoggerMessage(EventId = 3050, Level = LogLevel.Warning,
        Message = "Recursive loop detected: invocation {RequestId} of {Function} stopped, its chain of requests already invoked it {Count} times (PutFunctionRecursionConfig Allow lifts this)")]
    public static partial void RecursionStopped(ILogger logger, string requestId, string function, int count);
}
