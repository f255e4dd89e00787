using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Nimbus.CloudWatch.Metrics.Lambda;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Metering;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Tests.Metrics;

/// <summary>
/// The Lambda metrics sink sums a batch's reports per function-minute before expanding them into metrics; what it
/// stores must equal expanding every report on its own, as AWS's documentation describes each metric.
/// </summary>
public sealed class LambdaMetricsAggregationTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private readonly SqliteMetricStore _store;

    public LambdaMetricsAggregationTests()
    {
        _store = new SqliteMetricStore(new SqliteDatabase(Path.Combine(_directory.Path, "metrics.db")));
    }

    [Fact]
    public void StoredMetrics_EqualEachReportExpandedOnItsOwn()
    {
        var random = new Random(7);
        var reports = Enumerable.Range(0, 600).Select(i =>
        {
            // $LATEST, a published version, and an alias pointing at version 3, across three minutes and two accounts.
            var (version, alias) = (i % 3) switch { 0 => ("$LATEST", (string?)null), 1 => ("2", null), _ => ("3", "live") };
            return new FunctionInvocationReport
            {
                Scope = i % 7 == 0 ? new AwsScope("222222222222", "us-east-1") : AwsScope.Default,
                FunctionName = i % 4 == 0 ? "alpha" : "beta",
                ExecutedVersion = version,
                Alias = alias,
                Timestamp = Start.AddSeconds(i * 0.3),
                Architecture = "x86_64",
                DurationMs = Math.Round(random.NextDouble() * 900, 2),
                IsError = random.Next(10) == 0,
                IsThrottle = random.Next(15) == 0,
                InitDurationMs = random.Next(20) == 0 ? 100 + random.Next(400) : null,
                ConcurrentExecutions = random.Next(0, 12),
            };
        }).ToList();

        new LambdaMetricsSink(_store, TimeProvider.System, NullLogger<LambdaMetricsSink>.Instance).Store(reports);

        var expected = Expected(reports);
        Assert.NotEmpty(expected);
        foreach (var ((scope, metric, minute), values) in expected)
        {
            var stored = Assert.Single(_store.Read(scope, metric, minute, minute + 60, null), b => b.Resolution == MetricResolutions.Minute && b.Bucket == minute);
            var label = $"{metric.Namespace} {metric.Name} {metric.DimensionsKey} at {minute} in {scope.AccountId}";
            Assert.True(values.Count == stored.Aggregate.SampleCount, label);
            Assert.True(Math.Abs(values.Sum() - stored.Aggregate.Sum) < 1e-6, label);
            Assert.True(values.Min() == stored.Aggregate.Minimum && values.Max() == stored.Aggregate.Maximum, label);
        }
        // Nothing stored that one-by-one expansion would not have produced (e.g. an empty Invocations for all-throttled).
        var storedCount = expected.Keys.Select(k => (k.Scope, k.Metric)).Distinct()
            .Sum(k => _store.Read(k.Scope, k.Metric, 0, long.MaxValue, null).Count(b => b.Resolution == MetricResolutions.Minute));
        Assert.Equal(expected.Count, storedCount);
    }

    [Theory]
    [InlineData("FunctionName", "my-function_1")]
    [InlineData("Resource", "my-function:$LATEST")]
    [InlineData("ExecutedVersion", "12")]
    [InlineData("Path", "/items/{id}")]
    [InlineData("Quote\"d", "back\\slash")]
    [InlineData("Html", "<a href='x'>&amp;+`")]
    [InlineData("Unicode", "héllo wörld ✓ 😀")]
    [InlineData("Control", "tab\there\nnew")]
    public void DimensionsKey_IsTheSerializersJson(string name, string value)
    {
        var identity = new MetricIdentity("N", "M", [new Dimension("Zeta", "z"), new Dimension(name, value)]);
        var sorted = new[] { new Dimension(name, value), new Dimension("Zeta", "z") }.OrderBy(d => d.Name, StringComparer.Ordinal);
        var serialized = JsonSerializer.Serialize(sorted.Select(d => new[] { d.Name, d.Value }).ToArray());
        Assert.Equal(serialized, identity.DimensionsKey);
        Assert.Equal(identity, MetricIdentity.FromKey("N", "M", identity.DimensionsKey));
    }

    [Fact]
    public void DimensionsKey_IsTheSerializersJson_ForEveryAsciiCharacter()
    {
        for (var c = (char)0; c < 128; c++)
        {
            var text = "a" + c + "b";
            var identity = new MetricIdentity("N", "M", [new Dimension(text, text)]);
            Assert.Equal(JsonSerializer.Serialize(new[] { new[] { text, text } }), identity.DimensionsKey);
        }
    }

    /// <summary>The reference: every report expanded on its own into (metric, minute) → values.</summary>
    private static Dictionary<(AwsScope Scope, MetricIdentity Metric, long Minute), List<double>> Expected(IEnumerable<FunctionInvocationReport> reports)
    {
        var expected = new Dictionary<(AwsScope, MetricIdentity, long), List<double>>();
        foreach (var report in reports)
        {
            var minute = MetricResolutions.BucketOf(report.Timestamp, MetricResolutions.Minute);
            void Add(string @namespace, string name, Dimension[] dimensions, double value)
            {
                var key = (report.Scope, new MetricIdentity(@namespace, name, dimensions), minute);
                if (!expected.TryGetValue(key, out var values))
                {
                    expected[key] = values = [];
                }
                values.Add(value);
            }
            var function = new Dimension("FunctionName", report.FunctionName);
            var qualifier = report.Alias ?? (report.ExecutedVersion == "$LATEST" ? null : report.ExecutedVersion);
            var sets = new List<(Dimension[] Dimensions, bool Executed)> { ([], false), ([function], false) };
            if (qualifier is not null)
            {
                var resource = new Dimension("Resource", $"{report.FunctionName}:{qualifier}");
                sets.Add(([function, resource], false));
                if (report.Alias is not null)
                {
                    sets.Add(([function, resource, new Dimension("ExecutedVersion", report.ExecutedVersion)], true));
                }
            }
            foreach (var (dimensions, executed) in sets)
            {
                Add("AWS/Lambda", "Throttles", dimensions, report.IsThrottle ? 1 : 0);
                if (report.IsThrottle)
                {
                    continue;
                }
                Add("AWS/Lambda", "Invocations", dimensions, 1);
                Add("AWS/Lambda", "Errors", dimensions, report.IsError ? 1 : 0);
                Add("AWS/Lambda", "Duration", dimensions, report.DurationMs);
                if (!executed && dimensions.Length > 0)
                {
                    Add("AWS/Lambda", "ConcurrentExecutions", dimensions, Math.Max(1, report.ConcurrentExecutions));
                }
            }
            if (report.IsThrottle)
            {
                continue;
            }
            foreach (var dimensions in new[] { Array.Empty<Dimension>(), [function] })
            {
                Add("Nimbus/Lambda", "ColdStarts", dimensions, report.InitDurationMs is null ? 0 : 1);
                if (report.InitDurationMs is { } init)
                {
                    Add("Nimbus/Lambda", "InitDuration", dimensions, init);
                }
            }
        }
        return expected;
    }

    public void Dispose() => _directory.Dispose();
}
