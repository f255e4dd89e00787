namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The PutLogEvents request. <c>sequenceToken</c> is accepted and ignored, as AWS does since 2023.</summary>
internal sealed class PutLogEventsRequest
{
    public string? LogGroupName { get; init; }

    public string? LogStreamName { get; init; }

    public List<InputLogEvent>? LogEvents { get; init; }

    public string? SequenceToken { get; init; }
}
