namespace Nimbus.CloudWatch.Prometheus;

/// <summary>
/// A Prometheus histogram: counts per upper bound (cumulative when written), total count and sum. Lock-free so
/// the invoke path never waits on a scrape.
/// </summary>
internal sealed class Histogram
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private long _count;
    private double _sum;

    public Histogram(double[] bounds)
    {
        _bounds = bounds;
        _counts = new long[bounds.Length];
    }

    public IReadOnlyList<double> Bounds => _bounds;

    public void Observe(double value)
    {
        var index = Array.BinarySearch(_bounds, value);
        // Buckets are "less than or equal": an exact hit belongs to its own bound, otherwise to the next bigger one.
        index = index >= 0 ? index : ~index;
        if (index < _counts.Length)
        {
            Interlocked.Increment(ref _counts[index]);
        }
        Interlocked.Increment(ref _count);
        double seen, updated;
        do
        {
            seen = Volatile.Read(ref _sum);
            updated = seen + value;
        }
        while (Interlocked.CompareExchange(ref _sum, updated, seen) != seen);
    }

    /// <summary>A consistent-enough copy: cumulative counts per bound, then the total count and sum.</summary>
    public (long[] Cumulative, long Count, double Sum) Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Volatile.Read(ref _counts[i]);
            cumulative[i] = running;
        }
        // The total is at least the last bucket, so the +Inf bucket never reads lower than a finite one.
        return (cumulative, Math.Max(Volatile.Read(ref _count), running), Volatile.Read(ref _sum));
    }
}
