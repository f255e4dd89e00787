using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Metrics.Api;

/// <summary>ListMetrics: <c>Metrics</c> and <c>NextToken</c>.</summary>
internal static class ListMetricsOperation
{
    public static WireValue Invoke(MetricsService service, AwsScope scope, WireValue input)
    {
        var filters = Input.List(input, "Dimensions", "", (v, path) =>
        {
            var filter = Input.Struct(v, path);
            return (Input.String(filter, "Name", path + ".") ?? throw MetricsErrors.MissingParameter(path + ".Name"), Input.String(filter, "Value", path + "."));
        }) ?? [];
        var result = service.ListMetrics(scope, new ListMetricsCommand(
            Input.String(input, "Namespace", ""),
            Input.String(input, "MetricName", ""),
            filters,
            Input.String(input, "RecentlyActive", ""),
            Input.String(input, "NextToken", "")));
        return WireValue.Map(
            ("Metrics", WireValue.List(result.Metrics.Select(Output.Metric))),
            ("NextToken", result.NextToken is null ? null : WireValue.Of(result.NextToken)));
    }
}
