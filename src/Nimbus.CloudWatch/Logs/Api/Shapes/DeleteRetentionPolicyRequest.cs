namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The DeleteRetentionPolicy request.</summary>
internal sealed class DeleteRetentionPolicyRequest
{
    public string? LogGroupName { get; init; }
}
