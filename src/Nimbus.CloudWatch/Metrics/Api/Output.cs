using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Metrics.Api;

/// <summary>Shapes shared by several responses.</summary>
internal static class Output
{
    public static WireValue Metric(MetricIdentity metric) => WireValue.Map(
        ("Namespace", WireValue.Of(metric.Namespace)),
        ("MetricName", WireValue.Of(metric.Name)),
        ("Dimensions", WireValue.List(metric.Dimensions.Select(d => WireValue.Map(("Name", WireValue.Of(d.Name)), ("Value", WireValue.Of(d.Value)))))));
}
