using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.CloudWatch.Logs.Insights;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>GetQueryResults: status, statistics so far and, once Complete, the rows as lists of <c>{field, value}</c>.</summary>
internal static class GetQueryResultsOperation
{
    public static Task<GetQueryResultsResponse> InvokeAsync(
        InsightsService service, AwsScope scope, QueryIdRequest request, CancellationToken cancellationToken)
    {
        var queryId = Check.Required(request.QueryId, "queryId");
        Check.Length(queryId, "queryId", 1, 256);
        Check.Length(request.NextToken, "nextToken", 0, 1024);
        Check.Range(request.MaxItems, "maxItems", 0, 10_000);
        var page = service.GetResults(scope, queryId, request.NextToken, request.MaxItems);
        return Task.FromResult(new GetQueryResultsResponse
        {
            QueryLanguage = "CWLI",
            Status = page.Status.ToString(),
            Results = page.Results.Select(row => row.Select(f => new ResultFieldShape { Field = f.Field, Value = f.Value }).ToList()).ToList(),
            Statistics = new QueryStatisticsShape
            {
                RecordsMatched = page.RecordsMatched,
                RecordsScanned = page.RecordsScanned,
                BytesScanned = page.BytesScanned,
                LogGroupsScanned = page.GroupsScanned,
            },
            NextToken = page.NextToken,
        });
    }
}
