namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>A FilterLogEvents page: matching events and the streams that were searched.</summary>
internal sealed record FilterPage(IReadOnlyList<LogEvent> Events, IReadOnlyList<string> SearchedStreams, bool HasMore);
