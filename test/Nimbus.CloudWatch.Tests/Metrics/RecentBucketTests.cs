using Nimbus.CloudWatch.Metrics.Lambda;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Tests.Metrics;

/// <summary>
/// The metric buffers find the buckets they used last by reference before hashing their keys: what they sum must not
/// change, and a bucket remembered before a commit must never take values after it (they would be lost).
/// </summary>
public sealed class RecentBucketTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 30, TimeSpan.Zero);

    [Fact]
    public void Accumulator_SumsMoreMetricsThanItRemembers_AndStartsAfreshAfterDraining()
    {
        var accumulator = new MetricAccumulator(AwsScope.Default);
        var metrics = Enumerable.Range(0, 6).Select(i => new MetricIdentity("AWS/Lambda", "M" + i, [])).ToArray();
        for (var round = 0; round < 10; round++)
        {
            foreach (var metric in metrics)
            {
                accumulator.Bucket(AwsScope.Default, metric, MetricResolutions.Minute, At, "Count").Add(1);
            }
            // The same metric again with an equal but distinct unit string and in the next minute: other buckets.
            accumulator.Bucket(AwsScope.Default, metrics[0], MetricResolutions.Minute, At, new string("Count")).Add(1);
            accumulator.Bucket(AwsScope.Default, metrics[0], MetricResolutions.Minute, At.AddMinutes(1), "Count").Add(5);
        }

        var writes = accumulator.Drain();
        Assert.Equal(7, writes.Count);
        Assert.Equal(20, writes.Single(w => w.Metric == metrics[0] && w.Bucket == MetricResolutions.BucketOf(At, MetricResolutions.Minute)).Aggregate.SampleCount);
        Assert.Equal(50, writes.Single(w => w.Metric == metrics[0] && w.Bucket != MetricResolutions.BucketOf(At, MetricResolutions.Minute)).Aggregate.Sum);
        Assert.All(writes.Where(w => w.Metric != metrics[0]), w => Assert.Equal(10, w.Aggregate.SampleCount));

        accumulator.Bucket(AwsScope.Default, metrics[1], MetricResolutions.Minute, At, "Count").Add(3);
        var next = Assert.Single(accumulator.Drain());
        Assert.Equal((1.0, 3.0), (next.Aggregate.SampleCount, next.Aggregate.Sum));
    }

    [Fact]
    public void LambdaSeries_SumsMoreFunctionsThanItRemembers_AndStartsAfreshAfterClear()
    {
        var buffer = new LambdaSeriesBuffer();
        var functions = Enumerable.Range(0, 6).Select(i => "function-" + i).ToArray();
        for (var round = 0; round < 10; round++)
        {
            foreach (var function in functions)
            {
                var report = Report(function);
                buffer.Add(Key(report), report);
            }
        }

        Assert.Equal(6, buffer.Count);
        Assert.All(buffer.Series, s => Assert.Equal(10, s.Value.Invocations.SampleCount));

        buffer.Clear();
        var last = Report(functions[0]);
        buffer.Add(Key(last), last);
        Assert.Equal(1, Assert.Single(buffer.Series).Value.Invocations.SampleCount);
    }

    private static FunctionInvocationReport Report(string function) => new()
    {
        Scope = AwsScope.Default,
        FunctionName = function,
        ExecutedVersion = "$LATEST",
        Timestamp = At,
        Architecture = "x86_64",
        DurationMs = 2,
    };

    private static LambdaSeriesKey Key(FunctionInvocationReport report) =>
        new(report.Scope, report.FunctionName, report.ExecutedVersion, report.Alias, MetricResolutions.BucketOf(report.Timestamp, MetricResolutions.Minute));
}
