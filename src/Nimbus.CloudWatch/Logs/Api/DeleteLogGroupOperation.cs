using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

internal static class DeleteLogGroupOperation
{
    public static async Task<EmptyResponse> InvokeAsync(LogsService service, AwsScope scope, DeleteLogGroupRequest request, CancellationToken cancellationToken)
    {
        var name = Check.Required(Check.GroupName(request.LogGroupName, "logGroupName"), "logGroupName");
        await service.DeleteGroupAsync(scope, name, cancellationToken);
        return new EmptyResponse();
    }
}
