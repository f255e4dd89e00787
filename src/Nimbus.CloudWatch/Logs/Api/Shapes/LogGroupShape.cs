namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>A log group on the wire (botocore shape <c>LogGroup</c>).</summary>
internal sealed class LogGroupShape
{
    public required string LogGroupName { get; init; }

    public long CreationTime { get; init; }

    public int? RetentionInDays { get; init; }

    public int MetricFilterCount { get; init; }

    public required string Arn { get; init; }

    public long StoredBytes { get; init; }

    public required string LogGroupClass { get; init; }

    public required string LogGroupArn { get; init; }
}
