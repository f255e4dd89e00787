using System.Globalization;

namespace Nimbus.CloudWatch.Metrics.Model;

/// <summary>A statistic by its CloudWatch name: <c>Sum</c>, <c>Average</c>, … or a percentile <c>p0.0</c>–<c>p100</c>.</summary>
public sealed record Statistic(StatisticKind Kind, double Percentile, string Name)
{
    public static readonly IReadOnlyList<string> StandardNames = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

    public static bool TryParse(string name, out Statistic statistic)
    {
        if (Enum.TryParse<StatisticKind>(name, ignoreCase: false, out var kind) && kind != StatisticKind.Percentile && StandardNames.Contains(name))
        {
            statistic = new Statistic(kind, 0, name);
            return true;
        }
        if (name.Length > 1 && name[0] == 'p'
            && double.TryParse(name.AsSpan(1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percentile)
            && percentile is >= 0 and <= 100)
        {
            statistic = new Statistic(StatisticKind.Percentile, percentile, name);
            return true;
        }
        statistic = null!;
        return false;
    }
}
