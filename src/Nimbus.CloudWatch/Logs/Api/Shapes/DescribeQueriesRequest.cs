namespace Nimbus.CloudWatch.Logs.Api.Shapes;

internal sealed class DescribeQueriesRequest
{
    public string? LogGroupName { get; init; }

    public string? Status { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }

    public string? QueryLanguage { get; init; }
}
