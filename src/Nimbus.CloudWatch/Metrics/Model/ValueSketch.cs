using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Nimbus.CloudWatch.Metrics.Model;

/// <summary>
/// The distribution of a bucket's values for percentiles: a log-bucketed histogram (the DDSketch scheme) with 1%
/// relative accuracy, so any percentile is answered within 1% of a value that was really published, whatever the
/// sample count, and buckets merge exactly when minutes roll up into 5-minute and 1-hour periods. Zero is counted
/// apart; negative values make percentiles unavailable, as on CloudWatch ("Percentile statistics are not available
/// for metrics when any of the metric values are negative numbers").
/// </summary>
public sealed class ValueSketch
{
    public const double RelativeAccuracy = 0.01;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    /// <summary>
    /// Count per bucket index. A hash map, ordered only where order matters (percentiles, serialization): a value is
    /// added on every invoke (Lambda's Duration, Invocations…), a sketch is read or stored once per commit.
    /// </summary>
    private readonly Dictionary<int, double> _counts = [];

    public double ZeroCount { get; private set; }

    public double TotalCount { get; private set; }

    public void Add(double value, double count)
    {
        if (count <= 0)
        {
            return;
        }
        TotalCount += count;
        if (value <= 0)
        {
            ZeroCount += count;
            return;
        }
        var index = (int)Math.Ceiling(Math.Log(value) / LogGamma);
        CollectionsMarshal.GetValueRefOrAddDefault(_counts, index, out _) += count;
    }

    public void Merge(ValueSketch other)
    {
        ZeroCount += other.ZeroCount;
        TotalCount += other.TotalCount;
        foreach (var (index, count) in other._counts)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_counts, index, out _) += count;
        }
    }

    /// <summary>The value at <paramref name="percentile"/> (0–100), clamped to the bucket's true minimum and maximum.</summary>
    public double Quantile(double percentile, double minimum, double maximum)
    {
        if (percentile >= 100 || percentile <= 0)
        {
            return percentile >= 100 ? maximum : minimum;
        }
        var rank = percentile / 100 * (TotalCount - 1);
        var seen = ZeroCount;
        if (seen > rank)
        {
            return Math.Clamp(0, minimum, maximum);
        }
        foreach (var (index, count) in Ordered())
        {
            seen += count;
            if (seen > rank)
            {
                return Math.Clamp(2 * Math.Pow(Gamma, index) / (Gamma + 1), minimum, maximum);
            }
        }
        return maximum;
    }

    public byte[] Serialize()
    {
        var bytes = new byte[8 + _counts.Count * 12];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, ZeroCount);
        var offset = 8;
        foreach (var (index, count) in Ordered())
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), index);
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(offset + 4), count);
            offset += 12;
        }
        return bytes;
    }

    private IEnumerable<KeyValuePair<int, double>> Ordered() => _counts.OrderBy(bucket => bucket.Key);

    public static ValueSketch Deserialize(ReadOnlySpan<byte> bytes)
    {
        var sketch = new ValueSketch { ZeroCount = BinaryPrimitives.ReadDoubleLittleEndian(bytes) };
        sketch.TotalCount = sketch.ZeroCount;
        for (var offset = 8; offset + 12 <= bytes.Length; offset += 12)
        {
            var count = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(offset + 4)..]);
            sketch._counts[BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..])] = count;
            sketch.TotalCount += count;
        }
        return sketch;
    }
}
