namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The <c>sessionStart</c> event: the session's ids and the filters it applies.</summary>
internal sealed class LiveTailSessionStartShape
{
    public required string RequestId { get; init; }

    public required string SessionId { get; init; }

    public required List<string> LogGroupIdentifiers { get; init; }

    public List<string>? LogStreamNames { get; init; }

    public List<string>? LogStreamNamePrefixes { get; init; }

    public string? LogEventFilterPattern { get; init; }
}
