namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The FilterLogEvents response.</summary>
internal sealed class FilterLogEventsResponse
{
    public List<FilteredLogEvent> Events { get; init; } = [];

    public List<SearchedLogStream> SearchedLogStreams { get; init; } = [];

    public string? NextToken { get; init; }
}
