namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>An event read by a Logs Insights scan, with the group it belongs to (a query can span groups).</summary>
internal sealed record ScannedEvent(string GroupName, LogEvent Event);
