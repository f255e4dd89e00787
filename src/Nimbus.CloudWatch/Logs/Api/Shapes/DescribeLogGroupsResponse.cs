namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The DescribeLogGroups response.</summary>
internal sealed class DescribeLogGroupsResponse
{
    public List<LogGroupShape> LogGroups { get; init; } = [];

    public string? NextToken { get; init; }
}
