using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

internal static class DescribeLogStreamsOperation
{
    public static async Task<DescribeLogStreamsResponse> InvokeAsync(
        LogsService service, AwsScope scope, DescribeLogStreamsRequest request, CancellationToken cancellationToken)
    {
        var group = LogGroupIdentifier.Resolve(request.LogGroupName, request.LogGroupIdentifier);
        Check.StreamName(request.LogStreamNamePrefix, "logStreamNamePrefix");
        Check.Length(request.NextToken, "nextToken", 1, int.MaxValue);
        Check.Range(request.Limit, "limit", 1, 50);
        var page = await service.DescribeStreamsAsync(
            scope, group, request.LogStreamNamePrefix, Check.Order(request.OrderBy), request.Descending ?? false, request.Limit, request.NextToken,
            cancellationToken);
        return new DescribeLogStreamsResponse
        {
            LogStreams = page.Items.Select(s => new LogStreamShape
            {
                LogStreamName = s.Name,
                CreationTime = s.CreationTime,
                FirstEventTimestamp = s.FirstEventTimestamp,
                LastEventTimestamp = s.LastEventTimestamp,
                LastIngestionTime = s.LastIngestionTime,
                UploadSequenceToken = LogsService.SequenceToken(s),
                Arn = LogsArns.Stream(scope, group, s.Name),
                StoredBytes = 0,
            }).ToList(),
            NextToken = page.NextToken,
        };
    }
}
