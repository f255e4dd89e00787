namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The <c>sessionUpdate</c> event: whether the events were sampled, and the events.</summary>
internal sealed class LiveTailSessionUpdateShape
{
    public required LiveTailSessionMetadataShape SessionMetadata { get; init; }

    public required List<LiveTailSessionLogEventShape> SessionResults { get; init; }
}
