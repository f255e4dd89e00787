using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

internal static class DeleteRetentionPolicyOperation
{
    public static async Task<EmptyResponse> InvokeAsync(LogsService service, AwsScope scope, DeleteRetentionPolicyRequest request, CancellationToken cancellationToken)
    {
        var name = Check.Required(Check.GroupName(request.LogGroupName, "logGroupName"), "logGroupName");
        await service.SetRetentionAsync(scope, name, null, cancellationToken);
        return new EmptyResponse();
    }
}
