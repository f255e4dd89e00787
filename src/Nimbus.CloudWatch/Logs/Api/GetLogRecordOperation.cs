using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.CloudWatch.Logs.Insights;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>GetLogRecord: all fields of the event an <c>@ptr</c> from GetQueryResults names.</summary>
internal static class GetLogRecordOperation
{
    public static async Task<GetLogRecordResponse> InvokeAsync(
        InsightsService service, AwsScope scope, GetLogRecordRequest request, CancellationToken cancellationToken)
    {
        var pointer = Check.Required(request.LogRecordPointer, "logRecordPointer");
        return new GetLogRecordResponse { LogRecord = await service.GetLogRecordAsync(scope, pointer, cancellationToken) };
    }
}
