using Nimbus.CloudWatch.Metrics.Lambda;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;
using Nimbus.Core.Queues;

namespace Nimbus.CloudWatch.Metrics.Publishing;

/// <summary>What <see cref="MetricsWriter"/> stores together at its next commit: Lambda's series and other services' buckets.</summary>
public sealed class MetricBuffers : IPacedBuffer
{
    public LambdaSeriesBuffer Lambda { get; } = new();

    public MetricAccumulator Service { get; } = new(AwsScope.Default);

    public int Count => Lambda.Count + Service.Count;

    public void Clear()
    {
        Lambda.Clear();
        Service.Clear();
    }
}
