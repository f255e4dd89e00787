namespace Nimbus.Core.Logs;

/// <summary>One CloudWatch Logs event: when it happened (epoch milliseconds) and its text.</summary>
public readonly record struct LogRecord(long TimestampMs, string Message);
