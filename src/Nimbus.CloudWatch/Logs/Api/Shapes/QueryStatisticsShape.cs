namespace Nimbus.CloudWatch.Logs.Api.Shapes;

internal sealed class QueryStatisticsShape
{
    public double RecordsMatched { get; init; }

    public double RecordsScanned { get; init; }

    public double EstimatedRecordsSkipped { get; init; }

    public double BytesScanned { get; init; }

    public double EstimatedBytesSkipped { get; init; }

    public double LogGroupsScanned { get; init; }
}
