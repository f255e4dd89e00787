namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>GetQueryResults and StopQuery requests (StopQuery uses only <see cref="QueryId"/>).</summary>
internal sealed class QueryIdRequest
{
    public string? QueryId { get; init; }

    public string? NextToken { get; init; }

    public int? MaxItems { get; init; }
}
