namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The DescribeLogStreams request.</summary>
internal sealed class DescribeLogStreamsRequest
{
    public string? LogGroupName { get; init; }

    public string? LogGroupIdentifier { get; init; }

    public string? LogStreamNamePrefix { get; init; }

    public string? OrderBy { get; init; }

    public bool? Descending { get; init; }

    public string? NextToken { get; init; }

    public int? Limit { get; init; }
}
