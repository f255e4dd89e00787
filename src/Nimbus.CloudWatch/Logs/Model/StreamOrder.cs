namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>DescribeLogStreams' <c>orderBy</c>.</summary>
internal enum StreamOrder
{
    LogStreamName,
    LastEventTime,
}
