using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>
/// FilterLogEvents: events of a group's streams interleaved by time (<c>interleaved</c> is deprecated by AWS and
/// always in effect), filtered by a term pattern.
/// </summary>
internal static class FilterLogEventsOperation
{
    public static async Task<FilterLogEventsResponse> InvokeAsync(
        LogsService service, AwsScope scope, FilterLogEventsRequest request, CancellationToken cancellationToken)
    {
        var group = LogGroupIdentifier.Resolve(request.LogGroupName, request.LogGroupIdentifier);
        if (request.LogStreamNames is { } names)
        {
            if (names.Count is < 1 or > 100)
            {
                throw LogsErrors.Validation("logStreamNames", null, $"Member must have length {(names.Count < 1 ? "greater than or equal to 1" : "less than or equal to 100")}");
            }
            foreach (var name in names)
            {
                Check.StreamName(name, "logStreamNames.member");
            }
        }
        Check.StreamName(request.LogStreamNamePrefix, "logStreamNamePrefix");
        Check.Timestamp(request.StartTime, "startTime");
        Check.Timestamp(request.EndTime, "endTime");
        Check.Length(request.FilterPattern, "filterPattern", 0, 1024);
        Check.Length(request.NextToken, "nextToken", 1, int.MaxValue);
        Check.Range(request.Limit, "limit", 1, 10_000);
        var result = await service.FilterEventsAsync(
            scope, group, request.LogStreamNames, request.LogStreamNamePrefix, request.StartTime, request.EndTime, request.FilterPattern,
            request.NextToken, request.Limit, cancellationToken);
        return new FilterLogEventsResponse
        {
            Events = result.Events.Select(e => new FilteredLogEvent
            {
                LogStreamName = e.StreamName,
                Timestamp = e.Timestamp,
                Message = e.Message,
                IngestionTime = e.IngestionTime,
                EventId = LogTokens.EventId(e),
            }).ToList(),
            SearchedLogStreams = result.SearchedStreams
                .Select(s => new SearchedLogStream { LogStreamName = s, SearchedCompletely = result.NextToken is null })
                .ToList(),
            NextToken = result.NextToken,
        };
    }
}
