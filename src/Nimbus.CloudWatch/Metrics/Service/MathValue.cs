namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>A metric math value: a number, a time series, or an array of time series.</summary>
internal sealed record MathValue(double? Scalar, SortedDictionary<long, double>? Series, IReadOnlyList<SortedDictionary<long, double>>? List)
{
    public static MathValue Of(double value) => new(value, null, null);

    public static MathValue Of(SortedDictionary<long, double> series) => new(null, series, null);

    public static MathValue Of(IReadOnlyList<SortedDictionary<long, double>> list) => new(null, null, list);
}
