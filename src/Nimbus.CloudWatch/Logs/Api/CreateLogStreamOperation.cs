using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

internal static class CreateLogStreamOperation
{
    public static async Task<EmptyResponse> InvokeAsync(LogsService service, AwsScope scope, CreateLogStreamRequest request, CancellationToken cancellationToken)
    {
        var group = Check.Required(Check.GroupName(request.LogGroupName, "logGroupName"), "logGroupName");
        var stream = Check.Required(Check.StreamName(request.LogStreamName, "logStreamName"), "logStreamName");
        await service.CreateStreamAsync(scope, group, stream, cancellationToken);
        return new EmptyResponse();
    }
}
