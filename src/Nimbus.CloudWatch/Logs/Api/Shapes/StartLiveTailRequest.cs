namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The StartLiveTail request.</summary>
internal sealed class StartLiveTailRequest
{
    public List<string>? LogGroupIdentifiers { get; init; }

    public List<string>? LogStreamNames { get; init; }

    public List<string>? LogStreamNamePrefixes { get; init; }

    public string? LogEventFilterPattern { get; init; }
}
