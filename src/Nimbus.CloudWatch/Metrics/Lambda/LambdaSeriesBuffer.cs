using Nimbus.Core.Metering;
using Nimbus.Core.Queues;

namespace Nimbus.CloudWatch.Metrics.Lambda;

/// <summary>Invocation reports summed per function, version, alias and minute until the next commit.</summary>
public sealed class LambdaSeriesBuffer : IPacedBuffer
{
    private readonly Dictionary<LambdaSeriesKey, LambdaInvocationAggregate> _series = [];

    public int Count => _series.Count;

    internal IEnumerable<KeyValuePair<LambdaSeriesKey, LambdaInvocationAggregate>> Series => _series;

    public void Clear() => _series.Clear();

    internal void Add(LambdaSeriesKey key, FunctionInvocationReport report)
    {
        if (!_series.TryGetValue(key, out var figures))
        {
            _series[key] = figures = new LambdaInvocationAggregate();
        }
        figures.Add(report);
    }
}
