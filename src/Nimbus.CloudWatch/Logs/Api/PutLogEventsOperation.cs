using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>PutLogEvents: 1–10,000 events; the stored ones are durable when the call returns.</summary>
internal static class PutLogEventsOperation
{
    public static async Task<PutLogEventsResponse> InvokeAsync(LogsService service, AwsScope scope, PutLogEventsRequest request, CancellationToken cancellationToken)
    {
        var group = Check.Required(Check.GroupName(request.LogGroupName, "logGroupName"), "logGroupName");
        var stream = Check.Required(Check.StreamName(request.LogStreamName, "logStreamName"), "logStreamName");
        var input = Check.Required(request.LogEvents, "logEvents");
        if (input.Count is < 1 or > LogsLimits.MaxBatchEvents)
        {
            throw LogsErrors.Validation("logEvents", null,
                input.Count < 1 ? "Member must have length greater than or equal to 1" : $"Member must have length less than or equal to {LogsLimits.MaxBatchEvents}");
        }
        var events = new LogRecord[input.Count];
        for (var i = 0; i < input.Count; i++)
        {
            var member = $"logEvents.{i + 1}.member";
            var timestamp = input[i].Timestamp ?? throw LogsErrors.Validation(member + ".timestamp", null, "Member must not be null");
            Check.Timestamp(timestamp, member + ".timestamp");
            var message = Check.Required(input[i].Message, member + ".message");
            Check.Length(message, member + ".message", 1, int.MaxValue);
            events[i] = new LogRecord(timestamp, message);
        }
        var result = await service.PutEventsAsync(scope, group, stream, events, cancellationToken);
        return new PutLogEventsResponse
        {
            NextSequenceToken = result.NextSequenceToken,
            RejectedLogEventsInfo = result.AnyRejected
                ? new RejectedLogEventsInfo
                {
                    TooNewLogEventStartIndex = result.TooNewLogEventStartIndex,
                    TooOldLogEventEndIndex = result.TooOldLogEventEndIndex,
                    ExpiredLogEventEndIndex = result.ExpiredLogEventEndIndex,
                }
                : null,
        };
    }
}
