using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.CloudWatch.Logs.Insights;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>DescribeQueries: recent queries of the account, newest first.</summary>
internal static class DescribeQueriesOperation
{
    public static Task<DescribeQueriesResponse> InvokeAsync(
        InsightsService service, AwsScope scope, DescribeQueriesRequest request, CancellationToken cancellationToken)
    {
        Check.GroupName(request.LogGroupName, "logGroupName");
        Check.Range(request.MaxResults, "maxResults", 1, 1_000);
        Check.Length(request.NextToken, "nextToken", 1, int.MaxValue);
        QueryStatus? status = null;
        if (request.Status is { } text && text != "Unknown")
        {
            status = Enum.TryParse<QueryStatus>(text, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(text[0]) ? parsed
                : throw LogsErrors.Validation("status", text, "Member must satisfy enum value set: [Scheduled, Running, Complete, Failed, Cancelled, Timeout, Unknown]");
        }
        if (request.QueryLanguage is not (null or "CWLI" or "SQL" or "PPL"))
        {
            throw LogsErrors.Validation("queryLanguage", request.QueryLanguage, "Member must satisfy enum value set: [CWLI, SQL, PPL]");
        }
        // Every query Nimbus runs is CWLI with a known status: asking for SQL, PPL or Unknown ones finds none.
        var (queries, next) = request.QueryLanguage is "SQL" or "PPL" || request.Status == "Unknown"
            ? ([], null)
            : service.Describe(scope, request.LogGroupName, status, request.MaxResults, request.NextToken);
        return Task.FromResult(new DescribeQueriesResponse
        {
            Queries = queries.Select(q => new QueryInfoShape
            {
                QueryLanguage = "CWLI",
                QueryId = q.Id,
                QueryString = q.QueryString,
                Status = q.Status.ToString(),
                CreateTime = q.CreateTime,
                LogGroupName = q.GroupNames[0],
                QueryDuration = q.DurationMs,
                BytesScanned = q.BytesScanned,
            }).ToList(),
            NextToken = next,
        });
    }
}
