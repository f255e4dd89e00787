using Microsoft.Extensions.Logging.Abstractions;
using Nimbus.CloudWatch.Metrics.Lambda;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Publishing;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Metering;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Tests.Metrics;

/// <summary>
/// Lambda's metrics and other services' share one writer: what both published is stored in one transaction, and a
/// flush through either sink waits for what was published through the other.
/// </summary>
public sealed class MetricsWriterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 30, TimeSpan.Zero);
    private static readonly MetricIdentity Invocations = new("AWS/Lambda", "Invocations", [new Dimension("FunctionName", "f")]);
    private static readonly MetricIdentity Concurrency = new("AWS/Lambda", "ConcurrentExecutions", []);

    private readonly TempDirectory _directory = new();
    private CountingMetricStore _store = null!;
    private MetricsWriter _writer = null!;

    public Task InitializeAsync()
    {
        _store = new CountingMetricStore(new SqliteMetricStore(new SqliteDatabase(Path.Combine(_directory.Path, "metrics.db"))));
        _writer = new MetricsWriter(_store, TimeProvider.System, NullLogger<MetricsWriter>.Instance);
        return Task.CompletedTask;
    }

    [Fact]
    public void Store_WritesLambdaSeriesAndServiceBuckets_InOneTransaction()
    {
        var buffers = new MetricBuffers();
        var report = Report();
        buffers.Lambda.Add(new LambdaSeriesKey(report.Scope, "f", "$LATEST", null, MetricResolutions.BucketOf(At, MetricResolutions.Minute)), report);
        buffers.Service.Bucket(AwsScope.Default, Concurrency, MetricResolutions.Minute, At, "Count").Add(3);

        _writer.Store(buffers);

        Assert.Equal(1, _store.Writes);
        Assert.Equal(1, Assert.Single(_store.Read(AwsScope.Default, Invocations, 0, long.MaxValue, null)).Aggregate.SampleCount);
        Assert.Equal(3, Assert.Single(_store.Read(AwsScope.Default, Concurrency, 0, long.MaxValue, null)).Aggregate.Sum);
    }

    [Fact]
    public async Task FlushThroughOneSink_WaitsForWhatTheOtherPublished()
    {
        var lambda = new LambdaMetricsSink(_writer);
        IMetricPublisher service = new ServiceMetricsSink(_writer);

        service.Publish(new PublishedMetric(AwsScope.Default, "AWS/Lambda", "ConcurrentExecutions", [], 2, "Count", At));
        lambda.Publish(Report());
        await lambda.FlushAsync();

        Assert.Equal(2, Assert.Single(_store.Read(AwsScope.Default, Concurrency, 0, long.MaxValue, null)).Aggregate.Sum);
        Assert.Equal(1, Assert.Single(_store.Read(AwsScope.Default, Invocations, 0, long.MaxValue, null)).Aggregate.SampleCount);
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        _directory.Dispose();
    }

    private static FunctionInvocationReport Report() => new()
    {
        Scope = AwsScope.Default,
        FunctionName = "f",
        ExecutedVersion = "$LATEST",
        Timestamp = At,
        Architecture = "x86_64",
        DurationMs = 2,
    };
}
