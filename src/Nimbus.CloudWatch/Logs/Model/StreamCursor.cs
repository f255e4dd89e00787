namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>Where a DescribeLogStreams page ended: the sort key of the last stream returned.</summary>
internal readonly record struct StreamCursor(long LastEventTime, string Name);
