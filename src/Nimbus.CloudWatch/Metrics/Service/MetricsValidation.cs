using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>The constraints of the CloudWatch model and documentation, with CloudWatch's error wording.</summary>
internal static class MetricsValidation
{
    public const int MaxDimensions = 30;

    /// <summary>AWS: "Values must be in the range of -2^360 to 2^360"; NaN and infinities are rejected.</summary>
    private static readonly double MaxMagnitude = Math.Pow(2, 360);

    public static void Metric(MetricIdentity metric, string prefix)
    {
        Text(metric.Namespace, prefix + "Namespace", 255);
        Text(metric.Name, prefix + "MetricName", 255);
        Dimensions(metric.Dimensions, prefix + "Dimensions");
    }

    public static void Dimensions(IReadOnlyList<Dimension> dimensions, string path)
    {
        if (dimensions.Count > MaxDimensions)
        {
            throw MetricsErrors.InvalidParameterValue($"The collection {path} must not have a size greater than {MaxDimensions}.");
        }
        for (var i = 0; i < dimensions.Count; i++)
        {
            Text(dimensions[i].Name, $"{path}.member.{i + 1}.Name", 255);
            Text(dimensions[i].Value, $"{path}.member.{i + 1}.Value", 1024);
            if (dimensions[i].Name.StartsWith(':'))
            {
                throw MetricsErrors.InvalidValue($"{path}.member.{i + 1}.Name", dimensions[i].Name);
            }
        }
        var duplicate = dimensions.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw MetricsErrors.InvalidParameterValue($"No metric may have duplicate dimension names: {duplicate.Key}.");
        }
    }

    /// <summary>Required, 1–<paramref name="maxLength"/> characters of printable ASCII with at least one non-space.</summary>
    public static void Text(string? value, string path, int maxLength)
    {
        if (value is null)
        {
            throw MetricsErrors.MissingParameter(path);
        }
        if (value.Length == 0 || value.Length > maxLength || value.Any(c => c < 0x20 || c > 0x7e) || string.IsNullOrWhiteSpace(value))
        {
            throw MetricsErrors.InvalidValue(path, value);
        }
    }

    public static void Value(double value, string path)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > MaxMagnitude)
        {
            throw MetricsErrors.InvalidValue(path, value);
        }
    }

    public static void Unit(string? unit, string path)
    {
        if (unit is not null && !StandardUnits.All.Contains(unit))
        {
            throw MetricsErrors.InvalidValue(path, unit);
        }
    }

    /// <summary>A period is 1, 5, 10, 20, 30 or a multiple of 60 seconds.</summary>
    public static void Period(int period, string path)
    {
        if (period <= 0)
        {
            throw MetricsErrors.InvalidValue(path, period);
        }
        if (period < 60 ? period is not (1 or 5 or 10 or 20 or 30) : period % 60 != 0)
        {
            throw MetricsErrors.InvalidParameterValue($"The parameter {path} must be a multiple of 60.");
        }
    }

    public static Statistic StandardStatistic(string name, string path) =>
        Statistic.TryParse(name, out var statistic) && statistic.Kind != StatisticKind.Percentile ? statistic : throw MetricsErrors.InvalidValue(path, name);

    public static Statistic Percentile(string name, string path) =>
        Statistic.TryParse(name, out var statistic) && statistic.Kind == StatisticKind.Percentile ? statistic : throw MetricsErrors.InvalidValue(path, name);

    public static Statistic AnyStatistic(string name, string path) =>
        Statistic.TryParse(name, out var statistic) ? statistic : throw MetricsErrors.InvalidValue(path, name);
}
