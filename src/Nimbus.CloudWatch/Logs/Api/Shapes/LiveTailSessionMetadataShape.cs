namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>A session update's metadata: true when more than 500 events matched and the results are a sample.</summary>
internal sealed class LiveTailSessionMetadataShape
{
    public bool Sampled { get; init; }
}
