using System.Collections.Concurrent;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Prometheus;

/// <summary>
/// The latest <c>AWS/Lambda IteratorAge</c> per function for <c>/_nimbus/metrics</c>: how far behind its stream each
/// event source mapping's function is, the figure people alert on. It arrives as a published metric (the stream
/// poller has no invocation report of its own), so this keeps the function-level value of each one it sees.
/// </summary>
internal sealed class PrometheusIteratorAges
{
    private readonly ConcurrentDictionary<string, double> _milliseconds = new(StringComparer.Ordinal);

    public void Observe(PublishedMetric metric)
    {
        // The FunctionName-only dimension set: one value per function, whatever the mapping's qualifier.
        if (metric.Name != "IteratorAge" || metric.Namespace != "AWS/Lambda" || metric.Dimensions.Count != 1
            || metric.Dimensions[0].Key != "FunctionName")
        {
            return;
        }
        _milliseconds[metric.Dimensions[0].Value] = metric.Value;
    }

    /// <summary>Functions and their latest iterator age in seconds, by function name.</summary>
    public IEnumerable<(string Function, double Seconds)> Ages =>
        _milliseconds.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value / 1000.0));
}
