using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Metrics.Api;

/// <summary>PutMetricData: no output.</summary>
internal static class PutMetricDataOperation
{
    public static WireValue? Invoke(MetricsService service, AwsScope scope, WireValue input)
    {
        var data = Input.List(input, "MetricData", "", Datum);
        if (input["EntityMetricData"] is { } entities)
        {
            // Entity-associated metrics are stored like plain ones; the entity itself is not kept.
            var extra = Input.List(input, "EntityMetricData", "", (entity, path) =>
                Input.List(Input.Struct(entity, path), "MetricData", path + ".", Datum) ?? []) ?? [];
            data = [.. data ?? [], .. extra.SelectMany(e => e)];
        }
        service.PutMetricData(scope, Input.String(input, "Namespace", ""), data);
        return null;
    }

    private static MetricDatumInput Datum(WireValue value, string path)
    {
        var datum = Input.Struct(value, path);
        var prefix = path + ".";
        var set = datum["StatisticValues"] is { } statistics ? Input.Struct(statistics, prefix + "StatisticValues") : null;
        return new MetricDatumInput(
            path,
            Input.String(datum, "MetricName", prefix),
            Input.Dimensions(datum, prefix),
            Input.Timestamp(datum, "Timestamp", prefix),
            Input.Double(datum, "Value", prefix),
            set is null ? null : new StatisticSetInput(
                Required(set, "SampleCount", prefix + "StatisticValues."),
                Required(set, "Sum", prefix + "StatisticValues."),
                Required(set, "Minimum", prefix + "StatisticValues."),
                Required(set, "Maximum", prefix + "StatisticValues.")),
            Input.Doubles(datum, "Values", prefix),
            Input.Doubles(datum, "Counts", prefix),
            Input.String(datum, "Unit", prefix),
            Input.Int(datum, "StorageResolution", prefix));
    }

    private static double Required(WireValue set, string name, string path) =>
        Input.Double(set, name, path) ?? throw MetricsErrors.MissingParameter(path + name);
}
