namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The DeleteLogStream request.</summary>
internal sealed class DeleteLogStreamRequest
{
    public string? LogGroupName { get; init; }

    public string? LogStreamName { get; init; }
}
