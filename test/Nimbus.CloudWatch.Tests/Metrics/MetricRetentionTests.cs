using Microsoft.Extensions.Logging.Abstractions;
using Nimbus.CloudWatch.Metrics.Lambda;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Metering;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Tests.Metrics;

/// <summary>Retention as AWS keeps metrics: one-minute data becomes 5-minute after 15 days, hourly after 63, gone after 455.</summary>
public sealed class MetricRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly MetricIdentity Metric = new("App", "Latency", [new Dimension("Api", "a")]);

    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(Start);
    private readonly SqliteMetricStore _store;
    private readonly MetricsService _service;
    private readonly MetricRetention _retention;

    public MetricRetentionTests()
    {
        _store = new SqliteMetricStore(new SqliteDatabase(Path.Combine(_directory.Path, "metrics.db")));
        _service = new MetricsService(_store, _time);
        _retention = new MetricRetention(_store, _time, NullLogger<MetricRetention>.Instance);
    }

    [Fact]
    public void RollUp_KeepsStatisticsExact_AndResolutionsCoarsenWithAge()
    {
        // One hour of one-minute data: minute m has values m and 100 + m.
        for (var minute = 0; minute < 60; minute++)
        {
            _service.PutMetricData(AwsScope.Default, "App", [Datum(Start.AddMinutes(minute), minute, 100 + minute)]);
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        var before = Hourly();

        _time.Advance(TimeSpan.FromDays(16));
        _retention.RunOnce();
        Assert.All(Buckets(), b => Assert.Equal(MetricResolutions.FiveMinutes, b.Resolution));
        Assert.Equal(12, Buckets().Count);

        _time.Advance(TimeSpan.FromDays(50));
        _retention.RunOnce();
        var hour = Assert.Single(Buckets());
        Assert.Equal(MetricResolutions.Hour, hour.Resolution);
        Assert.Equal(before, Hourly());

        _time.Advance(TimeSpan.FromDays(400));
        _retention.RunOnce();
        Assert.Empty(Buckets());
        Assert.Empty(_store.List(AwsScope.Default, null, null, DateTimeOffset.MinValue, 0, 10));
    }

    [Fact]
    public void Percentiles_StayWithinOnePercent_ThroughRollUps()
    {
        var values = Enumerable.Range(1, 1000).Select(i => i * 1.7).ToArray();
        for (var chunk = 0; chunk < 10; chunk++)
        {
            _service.PutMetricData(AwsScope.Default, "App", [Datum(Start.AddMinutes(chunk), values.Skip(chunk * 100).Take(100).ToArray())]);
        }
        _time.Advance(TimeSpan.FromDays(70));
        _retention.RunOnce();

        var p90 = Assert.Single(Buckets()).Aggregate.Statistic(new Statistic(StatisticKind.Percentile, 90, "p90"))!.Value;
        Assert.InRange(p90, 900 * 1.7 * 0.99, 901 * 1.7 * 1.01);
    }

    [Fact]
    public void LambdaSink_CountsEqualTheReportsThatProducedThem()
    {
        var sink = new LambdaMetricsSink(_store, _time, NullLogger<LambdaMetricsSink>.Instance);
        var reports = Enumerable.Range(0, 250).Select(i => new FunctionInvocationReport
        {
            Scope = AwsScope.Default, FunctionName = i % 2 == 0 ? "even" : "odd", ExecutedVersion = "$LATEST", Timestamp = Start.AddSeconds(i),
            Architecture = "x86_64", DurationMs = i, IsError = i % 10 == 0, IsThrottle = i % 25 == 0, InitDurationMs = i is 1 or 2 ? 150 : null,
        }).ToList();

        sink.Store(reports);

        double Sum(string name, params Dimension[] dimensions) => _store
            .Read(AwsScope.Default, new MetricIdentity(name.Contains('/') ? name.Split(':')[0] : LambdaMetricSet.Namespace, name.Split(':')[^1], dimensions), 0, long.MaxValue, null)
            .Sum(b => b.Aggregate.Sum);
        Assert.Equal(240, Sum("Invocations"));
        Assert.Equal(10, Sum("Throttles"));
        Assert.Equal(reports.Count(r => r.IsError && !r.IsThrottle), Sum("Errors"));
        Assert.Equal(reports.Count(r => r.FunctionName == "even" && !r.IsThrottle), Sum("Invocations", new Dimension("FunctionName", "even")));
        Assert.Equal(2, Sum("Nimbus/Lambda:ColdStarts"));
    }

    private static MetricDatumInput Datum(DateTimeOffset at, params double[] values) =>
        new("MetricData.member.1", Metric.Name, Metric.Dimensions, at, null, null, values, null, "Milliseconds", null);

    private IReadOnlyList<StoredBucket> Buckets() => _store.Read(AwsScope.Default, Metric, 0, long.MaxValue, null);

    private (double Count, double Sum, double Min, double Max) Hourly()
    {
        var all = new MetricAggregate();
        foreach (var bucket in Buckets())
        {
            all.Merge(bucket.Aggregate);
        }
        return (all.SampleCount, all.Sum, all.Minimum, all.Maximum);
    }

    public void Dispose() => _directory.Dispose();
}
