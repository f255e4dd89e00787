using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Metrics.Publishing;

/// <summary>
/// Stores the metrics other services publish (<see cref="IMetricPublisher"/>) as CloudWatch metrics: each value is
/// added to its metric's one-minute bucket as it is published, and the buckets are written together, by the
/// <see cref="MetricsWriter"/> every published metric shares.
/// </summary>
public sealed class ServiceMetricsSink : MetricsWriterSink, IMetricPublisher
{
    public ServiceMetricsSink(MetricsWriter writer)
        : base(writer)
    {
    }

    /// <summary>A sink with a writer of its own, stopped when the sink is disposed (tests).</summary>
    internal ServiceMetricsSink(IMetricStore store, TimeProvider time, ILogger<ServiceMetricsSink> logger)
        : base(store, time, logger)
    {
    }

    /// <summary>
    /// Identities of the metrics published without dimensions (Lambda's account-wide concurrency, on every invoke):
    /// built once rather than per value. Few and fixed: one per metric name a service publishes.
    /// </summary>
    private readonly ConcurrentDictionary<(string Namespace, string Name), MetricIdentity> _undimensioned = new();

    private const int MaxKnownByReference = 16;

    private (string Namespace, string Name, MetricIdentity Identity)[] _knownByReference = [];

    public void Publish(PublishedMetric metric)
    {
        // The identity (sorted dimensions, canonical key) is built before taking the writer's lock.
        var identity = metric.Dimensions.Count == 0
            ? Undimensioned(metric.Namespace, metric.Name)
            : new MetricIdentity(metric.Namespace, metric.Name, metric.Dimensions.Select(d => new Dimension(d.Key, d.Value)));
        Writer.Add((metric, identity), static (buffers, item) =>
            buffers.Service.Bucket(item.metric.Scope, item.identity, MetricResolutions.Minute, item.metric.Timestamp, item.metric.Unit).Add(item.metric.Value),
            static item => $"{item.metric.Namespace} {item.metric.Name}");
    }

    /// <summary>
    /// Publishers name their metrics with constants, so the identity is first looked for by reference among the few seen
    /// (no hashing of the two strings on every invoke), then in <see cref="_undimensioned"/>.
    /// </summary>
    private MetricIdentity Undimensioned(string @namespace, string name)
    {
        var known = Volatile.Read(ref _knownByReference);
        foreach (var (knownNamespace, knownName, knownIdentity) in known)
        {
            if (ReferenceEquals(knownNamespace, @namespace) && ReferenceEquals(knownName, name))
            {
                return knownIdentity;
            }
        }
        var identity = _undimensioned.GetOrAdd((@namespace, name), static key => new MetricIdentity(key.Namespace, key.Name, []));
        if (known.Length < MaxKnownByReference)
        {
            // Copy on write, so readers need no lock; a lost race only means one more dictionary hit later.
            Interlocked.CompareExchange(ref _knownByReference, [.. known, (@namespace, name, identity)], known);
        }
        return identity;
    }
}
