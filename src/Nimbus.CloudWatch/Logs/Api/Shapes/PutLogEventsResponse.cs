namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The PutLogEvents response.</summary>
internal sealed class PutLogEventsResponse
{
    public string? NextSequenceToken { get; init; }

    public RejectedLogEventsInfo? RejectedLogEventsInfo { get; init; }
}
