namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>FilterLogEvents' answer; <see cref="NextToken"/> is null once everything matching has been returned.</summary>
internal sealed record FilterEventsResult(IReadOnlyList<LogEvent> Events, IReadOnlyList<string> SearchedStreams, string? NextToken);
