using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.CloudWatch.Logs.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>
/// DescribeLogGroups: name order, <c>logGroupNamePrefix</c> or <c>logGroupNamePattern</c> (case-sensitive
/// substring), <c>logGroupClass</c> filter, or <c>logGroupIdentifiers</c> (names or ARNs). Cross-account options
/// are accepted and ignored; Nimbus has no linked accounts.
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
        Page<LogGroup> page;
        if (request.LogGroupIdentifiers is { } identifiers)
        {
            if (identifiers.Count is < 1 or > 50)
            {
                throw LogsErrors.Validation("logGroupIdentifiers", null,
                    identifiers.Count < 1 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 50");
            }
            if (request.LogGroupNamePrefix is not null || pattern is not null)
            {
                throw LogsErrors.InvalidParameter("logGroupIdentifiers cannot be combined with logGroupNamePrefix or logGroupNamePattern.");
            }
            var named = await service.GetGroupsAsync(scope, identifiers.Select(id => LogGroupIdentifier.Resolve(null, id)), cancellationToken);
            page = new Page<LogGroup>(named.Where(g => groupClass is null || g.LogGroupClass == groupClass).ToList(), null);
        }
        else
        {
            page = await service.DescribeGroupsAsync(scope, request.LogGroupNamePrefix, pattern, request.Limit, request.NextToken, cancellationToken, groupClass);
        }
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
