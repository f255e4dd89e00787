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
    private readonly (LambdaSeriesKey Key, LambdaInvocationAggregate Figures)?[] _recent = new (LambdaSeriesKey, LambdaInvocationAggregate)?[4];
    private int _nextRecent;

    public int Count => _series.Count;

    internal IEnumerable<KeyValuePair<LambdaSeriesKey, LambdaInvocationAggregate>> Series => _series;

    public void Clear()
    {
        _series.Clear();
        Array.Clear(_recent);
    }

    internal void Add(LambdaSeriesKey key, FunctionInvocationReport report)
    {
        foreach (var recent in _recent)
        {
            if (recent is { } hit && SameByReference(hit.Key, key))
            {
                hit.Figures.Add(report);
                return;
            }
        }
        if (!_series.TryGetValue(key, out var figures))
        {
            _series[key] = figures = new LambdaInvocationAggregate();
        }
        _recent[_nextRecent] = (key, figures);
        _nextRecent = (_nextRecent + 1) % _recent.Length;
        figures.Add(report);
    }

    private static bool SameByReference(LambdaSeriesKey a, LambdaSeriesKey b) =>
        a.Minute == b.Minute && ReferenceEquals(a.FunctionName, b.FunctionName) && ReferenceEquals(a.ExecutedVersion, b.ExecutedVersion)
        && ReferenceEquals(a.Alias, b.Alias) && ReferenceEquals(a.Scope.AccountId, b.Scope.AccountId) && ReferenceEquals(a.Scope.Region, b.Scope.Region);
}
