using Microsoft.Extensions.Logging.Abstractions;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Publishing;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Metering;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Tests.Metrics;

/// <summary>Metrics other services publish through <see cref="IMetricPublisher"/> land in the store as CloudWatch metrics.</summary>
public sealed class ServiceMetricsSinkTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private readonly SqliteMetricStore _store;
    private readonly ServiceMetricsSink _sink;

    public ServiceMetricsSinkTests()
    {
        _store = new SqliteMetricStore(new SqliteDatabase(Path.Combine(_directory.Path, "metrics.db")));
        _sink = new ServiceMetricsSink(_store, new ManualTimeProvider(Start), NullLogger<ServiceMetricsSink>.Instance);
    }

    [Fact]
    public async Task PublishedValues_AreQueued_ThenStoredPerMinuteAndDimensionSet()
    {
        await _sink.StartAsync(CancellationToken.None);
        IMetricPublisher publisher = _sink;
        for (var i = 0; i < 120; i++)
        {
            var api = i % 3 == 0 ? "a" : "b";
            publisher.Publish(new PublishedMetric(AwsScope.Default, "AWS/ApiGateway", "Latency",
                [new("Stage", "$default"), new("ApiId", api)], i, "Milliseconds", Start.AddSeconds(i)));
        }
        await _sink.FlushAsync();
        await _sink.StopAsync(CancellationToken.None);

        // Dimensions given in any order name the same metric.
        var metricA = new MetricIdentity("AWS/ApiGateway", "Latency", [new Dimension("ApiId", "a"), new Dimension("Stage", "$default")]);
        var buckets = _store.Read(AwsScope.Default, metricA, 0, long.MaxValue, null);
        Assert.Equal(2, buckets.Count);
        Assert.Equal(40, buckets.Sum(b => b.Aggregate.SampleCount));
        Assert.Equal(Enumerable.Range(0, 120).Where(i => i % 3 == 0).Sum(), buckets.Sum(b => b.Aggregate.Sum));
        Assert.Equal("Milliseconds", buckets[0].Unit);
    }

    public void Dispose()
    {
        _sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _directory.Dispose();
    }
}
