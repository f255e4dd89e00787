namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>GetLogEvents' answer: events oldest first and both direction tokens (never null, as on AWS).</summary>
internal sealed record StreamEventsResult(IReadOnlyList<LogEvent> Events, string NextForwardToken, string NextBackwardToken);
