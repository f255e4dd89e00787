using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Alarms.Service;

namespace Nimbus.CloudWatch.Tests.Alarms;

/// <summary>The evaluation rule itself: M out of N, the evaluation range, and each missing-data treatment.</summary>
public sealed class AlarmEvaluationTests
{
    private const long End = 1_800_000_000 / 60 * 60;

    /// <summary>Datapoints oldest first, one per minute ending at <see cref="End"/>; null is a missing minute.</summary>
    [Theory]
    [InlineData("10 1 10", 3, 2, "missing", "ALARM")]
    [InlineData("10 1 1", 3, 2, "missing", "OK")]
    [InlineData("1 1 1", 3, 3, "missing", "OK")]
    [InlineData("10 10 10", 3, 3, "missing", "ALARM")]
    [InlineData("10 - -", 3, 3, "missing", "ALARM")]   // fewer real datapoints than N: all present must breach
    [InlineData("- 1 10", 3, 2, "missing", "OK")]
    [InlineData("- 1 10", 3, 2, "breaching", "ALARM")] // the missing one counts as breaching
    [InlineData("- 1 10", 3, 2, "notBreaching", "OK")]
    [InlineData("- - -", 3, 1, "missing", "INSUFFICIENT_DATA")]
    [InlineData("- - -", 3, 1, "breaching", "ALARM")]
    [InlineData("- - -", 3, 1, "notBreaching", "OK")]
    [InlineData("- - -", 3, 1, "ignore", "keep")]
    [InlineData("10 10 - 1 1", 2, 2, "breaching", "OK")] // two real datapoints in range: missing data is irrelevant
    public void Evaluate_AppliesMOutOfNAndMissingData(string points, int n, int m, string treatment, string expected)
    {
        var values = points.Split(' ').Reverse().Select((p, i) => (p, i)).Where(x => x.p != "-")
            .ToDictionary(x => End - (x.i + 1) * 60L, x => double.Parse(x.p, System.Globalization.CultureInfo.InvariantCulture));
        var alarm = new MetricAlarm
        {
            AccountId = "000000000000",
            Region = "us-east-1",
            AlarmName = "a",
            AlarmArn = "arn:aws:cloudwatch:us-east-1:000000000000:alarm:a",
            StateValue = "OK",
            StateReason = "",
            Namespace = "N",
            MetricName = "M",
            Statistic = "Maximum",
            Period = 60,
            EvaluationPeriods = n,
            DatapointsToAlarm = m,
            Threshold = 5,
            ComparisonOperator = "GreaterThanThreshold",
            TreatMissingData = treatment,
        };

        var outcome = AlarmEvaluation.Evaluate(alarm, values, End, DateTimeOffset.FromUnixTimeSeconds(End + 20));

        Assert.Equal(expected, outcome?.State ?? "keep");
    }
}
