using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>PutRetentionPolicy: one of the retention periods the model allows (<c>Days</c>).</summary>
internal static class PutRetentionPolicyOperation
{
    private static readonly int[] AllowedDays =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    public static async Task<EmptyResponse> InvokeAsync(LogsService service, AwsScope scope, PutRetentionPolicyRequest request, CancellationToken cancellationToken)
    {
        var name = Check.Required(Check.GroupName(request.LogGroupName, "logGroupName"), "logGroupName");
        var days = request.RetentionInDays ?? throw LogsErrors.Validation("retentionInDays", null, "Member must not be null");
        if (Array.IndexOf(AllowedDays, days) < 0)
        {
            throw LogsErrors.Validation("retentionInDays", days, $"Member must satisfy enum value set: [{string.Join(", ", AllowedDays)}]");
        }
        await service.SetRetentionAsync(scope, name, days, cancellationToken);
        return new EmptyResponse();
    }
}
