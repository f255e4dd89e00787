using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Metrics.Api;

/// <summary>GetMetricStatistics: <c>Label</c> and <c>Datapoints</c> with the requested statistics.</summary>
internal static class GetMetricStatisticsOperation
{
    public static WireValue Invoke(MetricsService service, AwsScope scope, WireValue input)
    {
        var command = new GetMetricStatisticsCommand(
            Input.Metric(input, ""),
            Input.RequiredTimestamp(input, "StartTime", ""),
            Input.RequiredTimestamp(input, "EndTime", ""),
            Input.Int(input, "Period", "") ?? throw MetricsErrors.MissingParameter("Period"),
            Input.Strings(input, "Statistics", ""),
            Input.Strings(input, "ExtendedStatistics", ""),
            Input.String(input, "Unit", ""));
        var result = service.GetMetricStatistics(scope, command);
        return WireValue.Map(
            ("Label", WireValue.Of(result.Label)),
            ("Datapoints", WireValue.List(result.Datapoints.Select(point =>
            {
                var members = new List<KeyValuePair<string, WireValue>> { KeyValuePair.Create("Timestamp", WireValue.Of(point.Timestamp)) };
                members.AddRange(result.Statistics.Select(s => KeyValuePair.Create(s.Name, WireValue.Of(point.Aggregate.Statistic(s)!.Value))));
                members.Add(KeyValuePair.Create("Unit", WireValue.Of(point.Unit)));
                if (result.ExtendedStatistics.Count > 0)
                {
                    members.Add(KeyValuePair.Create("ExtendedStatistics", WireValue.KeyedMap(result.ExtendedStatistics
                        .Select(s => (s.Name, Value: point.Aggregate.Statistic(s)))
                        .Where(s => s.Value is not null)
                        .Select(s => KeyValuePair.Create(s.Name, WireValue.Of(s.Value!.Value))))));
                }
                return WireValue.Map(members);
            }))));
    }
}
