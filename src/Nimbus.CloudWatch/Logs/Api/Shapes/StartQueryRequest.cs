namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The StartQuery request; times are epoch seconds.</summary>
internal sealed class StartQueryRequest
{
    public string? QueryLanguage { get; init; }

    public string? LogGroupName { get; init; }

    public List<string>? LogGroupNames { get; init; }

    public List<string>? LogGroupIdentifiers { get; init; }

    public long? StartTime { get; init; }

    public long? EndTime { get; init; }

    public string? QueryString { get; init; }

    public int? Limit { get; init; }
}
