namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The GetLogEvents response.</summary>
internal sealed class GetLogEventsResponse
{
    public List<OutputLogEvent> Events { get; init; } = [];

    public required string NextForwardToken { get; init; }

    public required string NextBackwardToken { get; init; }
}
