namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The PutRetentionPolicy request.</summary>
internal sealed class PutRetentionPolicyRequest
{
    public string? LogGroupName { get; init; }

    public int? RetentionInDays { get; init; }
}
