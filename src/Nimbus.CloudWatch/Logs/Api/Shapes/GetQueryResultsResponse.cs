namespace Nimbus.CloudWatch.Logs.Api.Shapes;

internal sealed class GetQueryResultsResponse
{
    public string? QueryLanguage { get; init; }

    public List<List<ResultFieldShape>>? Results { get; init; }

    public QueryStatisticsShape? Statistics { get; init; }

    public string? Status { get; init; }

    public string? NextToken { get; init; }
}
