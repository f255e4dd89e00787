namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>Events in read order, and whether the store stopped early (limit or size) with more to read.</summary>
internal sealed record EventPage(IReadOnlyList<LogEvent> Events, bool HasMore);
