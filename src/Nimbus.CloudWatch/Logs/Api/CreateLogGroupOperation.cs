using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>CreateLogGroup. <c>kmsKeyId</c>, <c>tags</c> and deletion protection are accepted and not stored yet.</summary>
internal static class CreateLogGroupOperation
{
    public static async Task<EmptyResponse> InvokeAsync(LogsService service, AwsScope scope, CreateLogGroupRequest request, CancellationToken cancellationToken)
    {
        var name = Check.Required(Check.GroupName(request.LogGroupName, "logGroupName"), "logGroupName");
        Check.Length(request.KmsKeyId, "kmsKeyId", 0, 256);
        await service.CreateGroupAsync(scope, name, Check.GroupClass(request.LogGroupClass), cancellationToken);
        return new EmptyResponse();
    }
}
