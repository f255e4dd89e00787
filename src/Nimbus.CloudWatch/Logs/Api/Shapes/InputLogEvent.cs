namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>One event of a PutLogEvents request.</summary>
internal sealed class InputLogEvent
{
    public long? Timestamp { get; init; }

    public string? Message { get; init; }
}
