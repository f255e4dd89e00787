namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The DeleteLogGroup request.</summary>
internal sealed class DeleteLogGroupRequest
{
    public string? LogGroupName { get; init; }
}
