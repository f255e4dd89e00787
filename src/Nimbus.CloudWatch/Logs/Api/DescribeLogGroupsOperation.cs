using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>
/// DescribeLogGroups: name order, <c>logGroupNamePrefix</c> or <c>logGroupNamePattern</c> (case-sensitive
/// substring), <c>logGroupClass</c> filter. Cross-account options are accepted; Nimbus has no linked accounts.
/// </summary>
internal static class DescribeLogGroupsOperation
{
    public static async Task<DescribeLogGroupsResponse> InvokeAsync(
        LogsService service, AwsScope scope, DescribeLogGroupsRequest request, CancellationToken cancellationToken)
    {
        Check.GroupName(request.LogGroupNamePrefix, "logGroupNamePrefix");
        Check.Length(request.LogGroupNamePattern, "logGroupNamePattern", 0, 512);
        Check.Length(request.NextToken, "nextToken", 1, int.MaxValue);
        Check.Range(request.Limit, "limit", 1, 50);
        var groupClass = Check.GroupClass(request.LogGroupClass);
        // An empty pattern matches everything.
        var pattern = string.IsNullOrEmpty(request.LogGroupNamePattern) ? null : request.LogGroupNamePattern;
        var page = await service.DescribeGroupsAsync(scope, request.LogGroupNamePrefix, pattern, request.Limit, request.NextToken, cancellationToken, groupClass);
        return new DescribeLogGroupsResponse
        {
            LogGroups = page.Items
                .Select(g => new LogGroupShape
                {
                    LogGroupName = g.Name,
                    CreationTime = g.CreationTime,
                    RetentionInDays = g.RetentionInDays,
                    MetricFilterCount = 0,
                    Arn = LogsArns.Group(scope, g.Name),
                    StoredBytes = g.StoredBytes,
                    LogGroupClass = g.LogGroupClass,
                    LogGroupArn = LogsArns.GroupArn(scope, g.Name),
                })
                .ToList(),
            NextToken = page.NextToken,
        };
    }
}
