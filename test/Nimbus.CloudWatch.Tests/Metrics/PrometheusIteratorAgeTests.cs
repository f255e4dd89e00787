using Microsoft.Extensions.Logging.Abstractions;
using Nimbus.CloudWatch.Logs;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Publishing;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.CloudWatch.Prometheus;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Metering;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Tests.Metrics;

/// <summary>IteratorAge a stream mapping publishes reaches both CloudWatch's store and <c>/_nimbus/metrics</c>.</summary>
public sealed class PrometheusIteratorAgeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private readonly LogsFixture _logs = new();
    private SqliteMetricStore _store = null!;
    private ServiceMetricsSink _sink = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteMetricStore(new SqliteDatabase(Path.Combine(_directory.Path, "metrics.db")));
        _sink = new ServiceMetricsSink(_store, new ManualTimeProvider(Start), NullLogger<ServiceMetricsSink>.Instance);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PublishedIteratorAge_IsTheLatestFunctionLevelValue_InSecondsAndStoredForCloudWatch()
    {
        var ages = new PrometheusIteratorAges();
        IMetricPublisher publisher = new CloudWatchMetricPublisher(_sink, ages);
        publisher.Publish(IteratorAge(4_000, [new("FunctionName", "orders")]));
        publisher.Publish(IteratorAge(1_500, [new("FunctionName", "orders")]));
        // The qualified dimension set and other metrics do not overwrite the function-level figure.
        publisher.Publish(IteratorAge(9_999, [new("FunctionName", "orders"), new("Resource", "orders:live")]));
        publisher.Publish(new PublishedMetric(AwsScope.Default, "AWS/Lambda", "Invocations", [new("FunctionName", "orders")], 1, "Count", Start));
        publisher.Publish(IteratorAge(250, [new("FunctionName", "audit")]));

        var text = new PrometheusEndpoint(new PrometheusInvocationSink(), new LogsCounters(), _logs.Ingestion, ages).Render();

        Assert.Contains("# TYPE nimbus_lambda_iterator_age_seconds gauge", text);
        Assert.Contains("nimbus_lambda_iterator_age_seconds{function=\"orders\"} 1.5\n", text);
        Assert.Contains("nimbus_lambda_iterator_age_seconds{function=\"audit\"} 0.25\n", text);
        await _sink.FlushAsync();
        var stored = _store.Read(AwsScope.Default, new MetricIdentity("AWS/Lambda", "IteratorAge", [new Dimension("FunctionName", "orders")]), 0, long.MaxValue, null);
        Assert.Equal(2, stored.Sum(b => b.Aggregate.SampleCount));
        Assert.Equal(4_000, stored.Max(b => b.Aggregate.Maximum));
    }

    public async Task DisposeAsync()
    {
        await _sink.DisposeAsync();
        await _logs.DisposeAsync();
        _directory.Dispose();
    }

    private static PublishedMetric IteratorAge(double milliseconds, KeyValuePair<string, string>[] dimensions) =>
        new(AwsScope.Default, "AWS/Lambda", "IteratorAge", dimensions, milliseconds, "Milliseconds", Start);
}
