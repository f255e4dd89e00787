using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>GetLogEvents: up to <c>limit</c> events (default and maximum 10,000) or 1 MB, oldest first.</summary>
internal static class GetLogEventsOperation
{
    public static async Task<GetLogEventsResponse> InvokeAsync(LogsService service, AwsScope scope, GetLogEventsRequest request, CancellationToken cancellationToken)
    {
        var group = LogGroupIdentifier.Resolve(request.LogGroupName, request.LogGroupIdentifier);
        var stream = Check.Required(Check.StreamName(request.LogStreamName, "logStreamName"), "logStreamName");
        Check.Timestamp(request.StartTime, "startTime");
        Check.Timestamp(request.EndTime, "endTime");
        Check.Length(request.NextToken, "nextToken", 1, int.MaxValue);
        Check.Range(request.Limit, "limit", 1, 10_000);
        var result = await service.GetEventsAsync(
            scope, group, stream, request.StartTime, request.EndTime, request.NextToken, request.Limit, request.StartFromHead ?? false, cancellationToken);
        return new GetLogEventsResponse
        {
            Events = result.Events.Select(e => new OutputLogEvent { Timestamp = e.Timestamp, Message = e.Message, IngestionTime = e.IngestionTime }).ToList(),
            NextForwardToken = result.NextForwardToken,
            NextBackwardToken = result.NextBackwardToken,
        };
    }
}
