using System.Globalization;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>
/// The common subset of CloudWatch metric math: <c>+ - * /</c>, parentheses, numbers, query ids, arrays
/// <c>[m1, m2]</c>, <c>METRICS()</c>, and <c>SUM AVG MIN MAX</c> (point by point over an array; over one series they
/// reduce it to a single value) and <c>ABS</c>. Two series combine where both have a value; division by zero drops
/// the point, as CloudWatch does. Expressions may use other expressions' ids.
/// </summary>
internal sealed class MetricMath
{
    private readonly Dictionary<string, SortedDictionary<long, double>> _series;
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);

    public MetricMath(Dictionary<string, SortedDictionary<long, double>> series)
    {
        _series = series;
    }

    public SortedDictionary<long, double> Evaluate(string id, string expression, IReadOnlyDictionary<string, string> expressions)
    {
        if (_series.TryGetValue(id, out var done))
        {
            return done;
        }
        if (!_evaluating.Add(id))
        {
            throw MetricsErrors.InvalidParameterValue($"Error in expression {id}: Circular dependency between expressions.");
        }
        var parser = new MetricMathParser(expression, name => Resolve(id, name, expressions));
        var value = parser.Parse(id);
        var result = value.Series ?? (value.List is { } list ? Reduce(list, values => values.Sum()) : Constant(value.Scalar!.Value));
        _series[id] = result;
        _evaluating.Remove(id);
        return result;
    }

    private SortedDictionary<long, double> Resolve(string id, string name, IReadOnlyDictionary<string, string> expressions)
    {
        if (_series.TryGetValue(name, out var series))
        {
            return series;
        }
        return expressions.TryGetValue(name, out var expression)
            ? Evaluate(name, expression, expressions)
            : throw MetricsErrors.InvalidParameterValue($"Error in expression {id}: Unrecognized metric id {name}.");
    }

    /// <summary>A scalar result is reported at every timestamp any metric has.</summary>
    private SortedDictionary<long, double> Constant(double value) =>
        new(_series.Values.SelectMany(s => s.Keys).Distinct().ToDictionary(t => t, _ => value));

    internal static SortedDictionary<long, double> Reduce(IReadOnlyList<SortedDictionary<long, double>> list, Func<IEnumerable<double>, double> reduce) =>
        new(list.SelectMany(s => s.Keys).Distinct().ToDictionary(t => t, t => reduce(list.Where(s => s.ContainsKey(t)).Select(s => s[t]))));

    internal static SortedDictionary<long, double> Combine(SortedDictionary<long, double> left, SortedDictionary<long, double> right, Func<double, double, double> op)
    {
        var result = new SortedDictionary<long, double>();
        foreach (var (at, value) in left)
        {
            if (right.TryGetValue(at, out var other) && op(value, other) is var combined && double.IsFinite(combined))
            {
                result[at] = combined;
            }
        }
        return result;
    }

    internal static SortedDictionary<long, double> Map(SortedDictionary<long, double> series, Func<double, double> op) =>
        new(series.Select(p => (p.Key, Value: op(p.Value))).Where(p => double.IsFinite(p.Value)).ToDictionary(p => p.Key, p => p.Value));

    internal static double ParseNumber(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
