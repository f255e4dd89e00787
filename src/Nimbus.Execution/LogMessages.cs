using Microsoft.Extensions.Logging;

namespace Nimbus.Execution;

/// <summary>The engine's log messages (event ids 2000–2099 belong to Nimbus.Execution).</summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Started environment {LogStream} of {FunctionName}: pid {ProcessId}, Runtime API port {Port}")]
    public static partial void EnvironmentStarted(ILogger logger, string functionName, string logStream, int processId, int port);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Environment {LogStream} of {FunctionName} ended: {Exit}")]
    public static partial void EnvironmentExited(ILogger logger, string functionName, string logStream, string exit);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Invocation {RequestId} of {FunctionName} timed out after {TimeoutSeconds} s")]
    public static partial void InvocationTimedOut(ILogger logger, string functionName, string requestId, int timeoutSeconds);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Init of {FunctionName} failed: {ErrorType}")]
    public static partial void InitFailed(ILogger logger, string functionName, string? errorType);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Reaped {Count} idle environment(s)")]
    public static partial void IdleReaped(ILogger logger, int count);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Functions run with isolation '{IsolationLevel}' only, not fully sandboxed: {Reason}")]
    public static partial void IsolationDegraded(ILogger logger, string isolationLevel, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Functions run with isolation '{IsolationLevel}'")]
    public static partial void IsolationSelected(ILogger logger, string isolationLevel);
}
