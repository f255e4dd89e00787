using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>PutMetricData.</summary>
public sealed partial class MetricsService
{
    /// <summary>AWS: 1,000 metrics per PutMetricData call, and 150 distinct values per Values array.</summary>
    public const int MaxMetricsPerCall = 1000;
    public const int MaxValuesPerDatum = 150;

    public void PutMetricData(AwsScope scope, string? @namespace, IReadOnlyList<MetricDatumInput>? data)
    {
        MetricsValidation.Text(@namespace, "Namespace", 255);
        if (@namespace!.StartsWith("AWS/", StringComparison.Ordinal))
        {
            // Namespaces starting with AWS/ are reserved for AWS services (here: Nimbus's own Lambda metrics).
            throw MetricsErrors.InvalidValue("Namespace", @namespace);
        }
        if (data is null || data.Count == 0)
        {
            throw MetricsErrors.MissingParameter("MetricData");
        }
        if (data.Count > MaxMetricsPerCall)
        {
            throw MetricsErrors.InvalidParameterValue($"The collection MetricData must not have a size greater than {MaxMetricsPerCall}.");
        }
        var now = _time.GetUtcNow();
        var writes = new MetricAccumulator(scope);
        foreach (var datum in data)
        {
            var (metric, resolution, timestamp, unit) = Validate(@namespace, datum, now);
            var aggregate = writes.Bucket(metric, resolution, timestamp, unit);
            if (datum.Value is { } value)
            {
                aggregate.Add(value);
            }
            else if (datum.StatisticValues is { } set)
            {
                aggregate.AddStatisticSet(set.SampleCount, set.Sum, set.Minimum, set.Maximum);
            }
            else
            {
                for (var i = 0; i < datum.Values!.Count; i++)
                {
                    aggregate.Add(datum.Values[i], datum.Counts?[i] ?? 1);
                }
            }
        }
        _store.Write(writes.Drain(), now);
    }

    private static (MetricIdentity Metric, int Resolution, DateTimeOffset Timestamp, string Unit) Validate(string @namespace, MetricDatumInput datum, DateTimeOffset now)
    {
        var path = datum.Path;
        MetricsValidation.Text(datum.MetricName, path + ".MetricName", 255);
        MetricsValidation.Dimensions(datum.Dimensions, path + ".Dimensions");
        MetricsValidation.Unit(datum.Unit, path + ".Unit");
        var given = new[] { (datum.Value is not null, "Value"), (datum.StatisticValues is not null, "StatisticValues"), (datum.Values is not null, "Values") }
            .Where(g => g.Item1).Select(g => $"{path}.{g.Item2}").ToList();
        if (given.Count > 1)
        {
            throw MetricsErrors.InvalidParameterCombination($"The parameters {given[0]} and {given[1]} are mutually exclusive and you have specified both.");
        }
        if (given.Count == 0)
        {
            throw MetricsErrors.InvalidParameterCombination($"At least one of the parameters {path}.Value, {path}.StatisticValues or {path}.Values must be specified.");
        }
        if (datum.Value is { } value)
        {
            MetricsValidation.Value(value, path + ".Value");
        }
        if (datum.StatisticValues is { } set)
        {
            MetricsValidation.Value(set.Sum, path + ".StatisticValues.Sum");
            MetricsValidation.Value(set.Minimum, path + ".StatisticValues.Minimum");
            MetricsValidation.Value(set.Maximum, path + ".StatisticValues.Maximum");
            if (!double.IsFinite(set.SampleCount) || set.SampleCount <= 0)
            {
                throw MetricsErrors.InvalidValue(path + ".StatisticValues.SampleCount", set.SampleCount);
            }
            if (set.Minimum > set.Maximum)
            {
                throw MetricsErrors.InvalidParameterValue($"The parameter {path}.StatisticValues.Maximum must be greater than or equal to {path}.StatisticValues.Minimum.");
            }
        }
        if (datum.Values is { } values)
        {
            if (values.Count > MaxValuesPerDatum)
            {
                throw MetricsErrors.InvalidParameterValue($"The collection {path}.Values must not have a size greater than {MaxValuesPerDatum}.");
            }
            for (var i = 0; i < values.Count; i++)
            {
                MetricsValidation.Value(values[i], $"{path}.Values.member.{i + 1}");
            }
            if (datum.Counts is { } counts)
            {
                if (counts.Count != values.Count)
                {
                    throw MetricsErrors.InvalidParameterValue($"The parameters {path}.Values and {path}.Counts must be of the same size.");
                }
                for (var i = 0; i < counts.Count; i++)
                {
                    if (!double.IsFinite(counts[i]) || counts[i] < 0)
                    {
                        throw MetricsErrors.InvalidValue($"{path}.Counts.member.{i + 1}", counts[i]);
                    }
                }
            }
        }
        else if (datum.Counts is not null)
        {
            throw MetricsErrors.InvalidParameterCombination($"The parameter {path}.Counts must be specified with {path}.Values.");
        }
        if (datum.StorageResolution is not null and not (1 or 60))
        {
            throw MetricsErrors.InvalidValue(path + ".StorageResolution", datum.StorageResolution);
        }
        var timestamp = datum.Timestamp ?? now;
        // AWS accepts timestamps up to two weeks in the past and two hours in the future.
        if (timestamp < now - TimeSpan.FromDays(14) || timestamp > now + TimeSpan.FromHours(2))
        {
            throw MetricsErrors.InvalidParameterValue(
                $"The parameter {path}.Timestamp must specify a time no more than two weeks in the past and no more than two hours in the future.");
        }
        var resolution = datum.StorageResolution == 1 ? MetricResolutions.HighResolution : MetricResolutions.Minute;
        return (new MetricIdentity(@namespace, datum.MetricName!, datum.Dimensions), resolution, timestamp, datum.Unit ?? StandardUnits.None);
    }
}
