namespace Nimbus.Bench;

internal static class Stats
{
    /// <summary>The nearest-rank percentile of <paramref name="values"/>.</summary>
    public static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
