using Nimbus.Billing.Usage;
using Nimbus.Core;

namespace Nimbus.Billing.Tests;

/// <summary>Invocations are summed per (account, hour, usage type, function) before they are stored.</summary>
public sealed class UsageBufferTests
{
    [Fact]
    public void Reports_AreSummedPerFunctionHourAndArchitecture_AndThrottlesBillNothing()
    {
        var at = new DateTimeOffset(2026, 11, 27, 13, 10, 0, TimeSpan.Zero);
        var totals = new UsageBuffer();
        for (var i = 0; i < 1_000; i++)
        {
            LambdaUsage.AddTo(totals, CostCalculatorTests.Report(128, 3, at.AddSeconds(i % 60), "f"));
        }
        LambdaUsage.AddTo(totals, CostCalculatorTests.Report(1024, 1000, at.AddHours(1), "f"));
        LambdaUsage.AddTo(totals, CostCalculatorTests.Report(128, 3, at, "g") with { IsThrottle = true });
        LambdaUsage.AddTo(totals, CostCalculatorTests.Report(128, 3, at, "f") with { Architecture = "arm64" });

        var sums = totals.Increments().ToDictionary(i => (i.Resource, i.Hour, i.UsageType), i => i.Quantity);
        Assert.Equal(6, sums.Count);
        Assert.Equal(1_000m, sums[("f", 13, "Request")]);
        // 1,000 × 0.125 GB × 0.003 s, exactly.
        Assert.Equal(0.375m, sums[("f", 13, "Lambda-GB-Second")]);
        Assert.Equal(1m, sums[("f", 14, "Request")]);
        Assert.Equal(1m, sums[("f", 14, "Lambda-GB-Second")]);
        Assert.Equal(1m, sums[("f", 13, "Request-ARM")]);
        Assert.Equal(0.000375m, sums[("f", 13, "Lambda-GB-Second-ARM")]);
        Assert.All(totals.Increments(), i => Assert.Equal((AwsScope.DefaultAccountId, new DateOnly(2026, 11, 27)), (i.AccountId, i.Day)));

        totals.Clear();
        Assert.Equal(0, totals.Count);
    }
}
