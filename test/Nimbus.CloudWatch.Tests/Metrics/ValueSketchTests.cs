using Nimbus.CloudWatch.Metrics.Model;
using Xunit;

namespace Nimbus.CloudWatch.Tests.Metrics;

/// <summary>The percentile sketch: within 1% of a true value whatever the order values arrive in, stored in a canonical form.</summary>
public sealed class ValueSketchTests
{
    [Fact]
    public void Percentiles_AreWithinOnePercent_AndTheStoredFormIsTheSameWhateverTheOrderOfValues()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 5_000).Select(_ => Math.Round(Math.Exp(random.NextDouble() * 9), 3)).Append(0).Append(0).ToList();
        var ascending = new ValueSketch();
        var shuffled = new ValueSketch();
        foreach (var value in values.Order())
        {
            ascending.Add(value, 1);
        }
        foreach (var value in values.OrderBy(_ => random.Next()))
        {
            shuffled.Add(value, 1);
        }

        Assert.Equal(ascending.Serialize(), shuffled.Serialize());
        var sorted = values.Order().ToList();
        foreach (var percentile in new[] { 10.0, 50, 90, 99, 99.9 })
        {
            var truth = sorted[(int)(percentile / 100 * (sorted.Count - 1))];
            var estimate = shuffled.Quantile(percentile, sorted[0], sorted[^1]);
            Assert.InRange(estimate, truth * 0.99 - 1e-9, truth * 1.01 + 1e-9);
        }
        var restored = ValueSketch.Deserialize(shuffled.Serialize());
        Assert.Equal(shuffled.Serialize(), restored.Serialize());
        Assert.Equal(values.Count, restored.TotalCount);
    }
}
