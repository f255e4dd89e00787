namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>A log stream as stored, with the event statistics DescribeLogStreams reports.</summary>
internal sealed record LogStream(
    string Name,
    long CreationTime,
    long? FirstEventTimestamp,
    long? LastEventTimestamp,
    long? LastIngestionTime,
    long EventCount);
