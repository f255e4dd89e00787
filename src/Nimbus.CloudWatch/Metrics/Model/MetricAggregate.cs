namespace Nimbus.CloudWatch.Metrics.Model;

/// <summary>
/// What CloudWatch keeps of one metric's values in one period: SampleCount, Sum, Minimum, Maximum, and the
/// distribution for percentiles (null once a value made percentiles unavailable: a negative value, or a
/// statistic set that is not a single repeated value).
/// </summary>
public sealed class MetricAggregate
{
    public double SampleCount { get; private set; }

    public double Sum { get; private set; }

    public double Minimum { get; private set; } = double.PositiveInfinity;

    public double Maximum { get; private set; } = double.NegativeInfinity;

    public ValueSketch? Sketch { get; private set; } = new();

    public static MetricAggregate Restore(double sampleCount, double sum, double minimum, double maximum, ValueSketch? sketch) =>
        new() { SampleCount = sampleCount, Sum = sum, Minimum = minimum, Maximum = maximum, Sketch = sketch };

    public void Add(double value, double count = 1)
    {
        SampleCount += count;
        Sum += value * count;
        Minimum = Math.Min(Minimum, value);
        Maximum = Math.Max(Maximum, value);
        if (value < 0)
        {
            Sketch = null;
        }
        Sketch?.Add(value, count);
    }

    /// <summary>
    /// A published statistic set. Its distribution is known only when it is one value repeated (AWS: percentiles
    /// of statistic sets need SampleCount 1 or Min = Max).
    /// </summary>
    public void AddStatisticSet(double sampleCount, double sum, double minimum, double maximum)
    {
        SampleCount += sampleCount;
        Sum += sum;
        Minimum = Math.Min(Minimum, minimum);
        Maximum = Math.Max(Maximum, maximum);
        if (minimum < 0 || (minimum != maximum && sampleCount != 1))
        {
            Sketch = null;
        }
        Sketch?.Add(minimum == maximum ? minimum : sum, sampleCount);
    }

    public void Merge(MetricAggregate other)
    {
        SampleCount += other.SampleCount;
        Sum += other.Sum;
        Minimum = Math.Min(Minimum, other.Minimum);
        Maximum = Math.Max(Maximum, other.Maximum);
        if (other.Sketch is null)
        {
            Sketch = null;
        }
        Sketch?.Merge(other.Sketch!);
    }

    /// <summary>A statistic of this aggregate (null when a percentile is unavailable).</summary>
    public double? Statistic(Statistic statistic) => statistic.Kind switch
    {
        StatisticKind.SampleCount => SampleCount,
        StatisticKind.Sum => Sum,
        StatisticKind.Average => SampleCount == 0 ? 0 : Sum / SampleCount,
        StatisticKind.Minimum => Minimum,
        StatisticKind.Maximum => Maximum,
        _ => Sketch?.Quantile(statistic.Percentile, Minimum, Maximum),
    };
}
