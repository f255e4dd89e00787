namespace Nimbus.CloudWatch.Logs.Api.Shapes;

internal sealed class DescribeQueriesResponse
{
    public List<QueryInfoShape>? Queries { get; init; }

    public string? NextToken { get; init; }
}
