namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The CreateLogGroup request (botocore shape of the same name).</summary>
internal sealed class CreateLogGroupRequest
{
    public string? LogGroupName { get; init; }

    public string? KmsKeyId { get; init; }

    public Dictionary<string, string>? Tags { get; init; }

    public string? LogGroupClass { get; init; }

    public bool? DeletionProtectionEnabled { get; init; }
}
