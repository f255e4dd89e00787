using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Metrics.Api;

/// <summary>GetMetricData: <c>MetricDataResults</c> (Id, Label, Timestamps, Values, StatusCode) and <c>NextToken</c>.</summary>
internal static class GetMetricDataOperation
{
    public static WireValue Invoke(MetricsService service, AwsScope scope, WireValue input)
    {
        var queries = Input.List(input, "MetricDataQueries", "", Query) ?? throw MetricsErrors.MissingParameter("MetricDataQueries");
        var command = new GetMetricDataCommand(
            queries,
            Input.RequiredTimestamp(input, "StartTime", ""),
            Input.RequiredTimestamp(input, "EndTime", ""),
            Input.String(input, "NextToken", ""),
            Input.String(input, "ScanBy", ""),
            Input.Int(input, "MaxDatapoints", ""));
        var result = service.GetMetricData(scope, command);
        return WireValue.Map(
            ("MetricDataResults", WireValue.List(result.Results.Select(r => WireValue.Map(
                ("Id", WireValue.Of(r.Id)),
                ("Label", WireValue.Of(r.Label)),
                ("Timestamps", WireValue.List(r.Timestamps.Select(WireValue.Of))),
                ("Values", WireValue.List(r.Values.Select(WireValue.Of))),
                ("StatusCode", WireValue.Of(r.StatusCode)))))),
            ("NextToken", result.NextToken is null ? null : WireValue.Of(result.NextToken)),
            ("Messages", WireValue.List([])));
    }

    private static MetricDataQueryInput Query(WireValue value, string path)
    {
        var query = Input.Struct(value, path);
        var prefix = path + ".";
        MetricStatInput? stat = null;
        if (query["MetricStat"] is { } statValue)
        {
            var statStruct = Input.Struct(statValue, prefix + "MetricStat");
            var metric = Input.Struct(statStruct["Metric"] ?? throw MetricsErrors.MissingParameter(prefix + "MetricStat.Metric"), prefix + "MetricStat.Metric");
            stat = new MetricStatInput(
                Input.Metric(metric, prefix + "MetricStat.Metric."),
                Input.Int(statStruct, "Period", prefix + "MetricStat."),
                Input.String(statStruct, "Stat", prefix + "MetricStat."),
                Input.String(statStruct, "Unit", prefix + "MetricStat."));
        }
        return new MetricDataQueryInput(
            path,
            Input.String(query, "Id", prefix),
            stat,
            Input.String(query, "Expression", prefix),
            Input.String(query, "Label", prefix),
            Input.Bool(query, "ReturnData", prefix) ?? true,
            Input.Int(query, "Period", prefix));
    }
}
