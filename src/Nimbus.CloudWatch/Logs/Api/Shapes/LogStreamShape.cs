namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>A log stream on the wire (botocore shape <c>LogStream</c>). <c>storedBytes</c> is always 0, as AWS reports since 2019.</summary>
internal sealed class LogStreamShape
{
    public required string LogStreamName { get; init; }

    public long CreationTime { get; init; }

    public long? FirstEventTimestamp { get; init; }

    public long? LastEventTimestamp { get; init; }

    public long? LastIngestionTime { get; init; }

    public required string UploadSequenceToken { get; init; }

    public required string Arn { get; init; }

    public long StoredBytes { get; init; }
}
