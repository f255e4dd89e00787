using Nimbus.Core.Metering;
using Nimbus.Core.Queues;

namespace Nimbus.CloudWatch.Metrics.Lambda;

/// <summary>Invocation reports summed per function, version, alias and minute until the next commit.</summary>
public sealed class LambdaSeriesBuffer : IPacedBuffer
{
    private readonly Dictionary<LambdaSeriesKey, LambdaInvocationAggregate> _series = [];

    /// <summary>
    /// The last series added to, found again by reference: a busy function's reports carry the same name, version and
    /// scope strings (its configuration's), and the dictionary would hash all four of them on every invoke.
    /// </summary>
    private readonly RecentlyUsed<LambdaSeriesKey, LambdaInvocationAggregate> _recent = new(SameByReference);

    public int Count => _series.Count;

    internal IEnumerable<KeyValuePair<LambdaSeriesKey, LambdaInvocationAggregate>> Series => _series;

    public void Clear()
    {
        _series.Clear();
        _recent.Clear();
    }

    internal void Add(LambdaSeriesKey key, FunctionInvocationReport report)
    {
        if (_recent.TryGet(key, out var figures))
        {
            figures.Add(report);
            return;
        }
        if (!_series.TryGetValue(key, out figures))
        {
            _series[key] = figures = new LambdaInvocationAggregate();
        }
        _recent.Remember(key, figures);
        figures.Add(report);
    }

    private static bool SameByReference(LambdaSeriesKey a, LambdaSeriesKey b) =>
        a.Minute == b.Minute && ReferenceEquals(a.FunctionName, b.FunctionName) && ReferenceEquals(a.ExecutedVersion, b.ExecutedVersion)
        && ReferenceEquals(a.Alias, b.Alias) && ReferenceEquals(a.Scope.AccountId, b.Scope.AccountId) && ReferenceEquals(a.Scope.Region, b.Scope.Region);
}
