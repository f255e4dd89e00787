namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The CreateLogStream request.</summary>
internal sealed class CreateLogStreamRequest
{
    public string? LogGroupName { get; init; }

    public string? LogStreamName { get; init; }
}
