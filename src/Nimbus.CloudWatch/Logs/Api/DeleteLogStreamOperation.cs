using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

internal static class DeleteLogStreamOperation
{
    public static async Task<EmptyResponse> InvokeAsync(LogsService service, AwsScope scope, DeleteLogStreamRequest request, CancellationToken cancellationToken)
    {
        var group = Check.Required(Check.GroupName(request.LogGroupName, "logGroupName"), "logGroupName");
        var stream = Check.Required(Check.StreamName(request.LogStreamName, "logStreamName"), "logStreamName");
        await service.DeleteStreamAsync(scope, group, stream, cancellationToken);
        return new EmptyResponse();
    }
}
