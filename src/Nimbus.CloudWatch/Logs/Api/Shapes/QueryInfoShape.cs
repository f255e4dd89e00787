namespace Nimbus.CloudWatch.Logs.Api.Shapes;

internal sealed class QueryInfoShape
{
    public string? QueryLanguage { get; init; }

    public string? QueryId { get; init; }

    public string? QueryString { get; init; }

    public string? Status { get; init; }

    public long CreateTime { get; init; }

    public string? LogGroupName { get; init; }

    public long? QueryDuration { get; init; }

    public double? BytesScanned { get; init; }
}
