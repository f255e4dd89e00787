namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The DescribeLogStreams response.</summary>
internal sealed class DescribeLogStreamsResponse
{
    public List<LogStreamShape> LogStreams { get; init; } = [];

    public string? NextToken { get; init; }
}
