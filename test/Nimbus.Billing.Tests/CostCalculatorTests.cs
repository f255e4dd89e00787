using Nimbus.Billing.Pricing;
using Nimbus.Billing.Reports;
using Nimbus.Billing.Usage;
using Nimbus.Core;
using Nimbus.Core.Metering;

namespace Nimbus.Billing.Tests;

/// <summary>The bill, checked to the cent against hand computations from AWS's us-east-1 price list.</summary>
public sealed class CostCalculatorTests
{
    private static readonly DateTimeOffset MonthEnd = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CostCalculator _calculator = new(PriceTableLoader.Default());

    [Theory]
    [InlineData(1024, 400_000)]   // the seed's example: 400,000 s at 1 GB
    [InlineData(128, 3_200_000)]  // and 3,200,000 s at 128 MB
    public void FreeTier_CoversExactly400000GbSeconds(int memoryMb, long seconds)
    {
        Assert.Equal(400_000m, LambdaUsage.GbSeconds(memoryMb, seconds * 1000));

        var atAllowance = Bill(("Lambda-GB-Second", LambdaUsage.GbSeconds(memoryMb, seconds * 1000)));
        var oneSecondMore = Bill(("Lambda-GB-Second", LambdaUsage.GbSeconds(memoryMb, (seconds + 1) * 1000)));

        Assert.Equal(0m, atAllowance.Total);
        Assert.Equal(400_000m, Assert.Single(atAllowance.FreeTier, f => f.Name == "lambda-compute").Used);
        Assert.Equal(memoryMb / 1024m * 0.0000166667m, oneSecondMore.Total);
    }

    [Fact]
    public void Requests_FirstMillionFree_ThenTwentyCentsPerMillion()
    {
        Assert.Equal(0m, Bill(("Request", 1_000_000m)).Total);
        Assert.Equal(0.20m, Bill(("Request", 2_000_000m)).Total);
        // x86 and arm64 requests share the one free million.
        Assert.Equal(0.20m, Bill(("Request", 600_000m), ("Request-ARM", 1_400_000m)).Total);
    }

    [Fact]
    public void GbSeconds_CrossTierBoundaries_PerArchitecture()
    {
        // x86: 7,000,400,000 GB-s = 400,000 free + 6 billion at $0.0000166667 + 1 billion at $0.000015.
        var x86 = Bill(("Lambda-GB-Second", 7_000_400_000m));
        Assert.Equal(6_000_000_000m * 0.0000166667m + 1_000_000_000m * 0.000015m, x86.Total);
        Assert.Equal(115_000.20m, Math.Round(x86.Total, 2));

        // arm64: 20 billion billable = 7.5 B at $0.0000133334 + 11.25 B at $0.0000120001 + 1.25 B at $0.0000106667.
        var arm = Bill(("Lambda-GB-Second-ARM", 20_000_400_000m));
        Assert.Equal(7_500_000_000m * 0.0000133334m + 11_250_000_000m * 0.0000120001m + 1_250_000_000m * 0.0000106667m, arm.Total);
    }

    [Fact]
    public void KnownWorkload_TwoMillionInvocations_BillsToTheCent()
    {
        // 1,000,000 invocations at 128 MB billed 100 ms and 1,000,000 at 1,024 MB billed 500 ms, all x86, stored through
        // the real usage store. By hand: requests 2,000,000 − 1,000,000 free = 1,000,000 × $0.0000002 = $0.20.
        // GB-s: 1,000,000 × 0.125 × 0.1 = 12,500 plus 1,000,000 × 1 × 0.5 = 500,000 → 512,500 − 400,000 free = 112,500
        // × $0.0000166667 = $1.87500375. Total $2.07500375 → $2.08.
        using var directory = new TempDirectory();
        var store = new SqliteUsageStore(new Nimbus.Core.Storage.SqliteDatabase(Path.Combine(directory.Path, "billing.db")));
        var day = new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
        foreach (var (memory, billed) in new[] { (128, 100L), (1024, 500L) })
        {
            for (var batch = 0; batch < 100; batch++)
            {
                store.Add(Enumerable.Range(0, 10_000).SelectMany(i => LambdaUsage.For(Report(memory, billed, day.AddSeconds(batch), $"fn-{memory}"))).ToList());
            }
        }

        var report = _calculator.Report(2026, 11, store.Read(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), null), MonthEnd);

        Assert.Equal(2.07500375m, report.Total);
        Assert.Equal(2.08m, Math.Round(report.Total, 2, MidpointRounding.AwayFromZero));
        Assert.Equal(0.20m, Assert.Single(report.Lines, l => l.UsageType == "Request").Cost);
        Assert.Equal(512_500m, Assert.Single(report.Lines, l => l.UsageType == "Lambda-GB-Second").Quantity);
        Assert.Equal(2, report.Resources.Count);
        Assert.Equal(report.Total, report.Resources.Sum(r => r.Cost), 10);
        Assert.Equal(report.Total, report.Days.Sum(d => d.Cost));
    }

    [Fact]
    public void DayByDay_ChargesEachDayItsMarginalCost_AndProjectsTheMonth()
    {
        // 800,000 requests a day: day 1 is inside the free million, day 2 pays for 600,000, day 3 for 800,000.
        var usage = Enumerable.Range(1, 3)
            .Select(d => new UsageTotal("000000000000", new DateOnly(2026, 11, d), "lambda", "Request", "f", 800_000m)).ToList();

        var report = _calculator.Report(2026, 11, usage, new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal([0m, 0.12m, 0.16m], report.Days.Select(d => d.Cost));
        // 2,400,000 requests in 3 days extrapolated to 30 days: 24,000,000 requests, 23,000,000 billable = $4.60.
        Assert.Equal(4.60m, report.ProjectedMonthEnd);
    }

    [Fact]
    public void UnknownUsageTypes_AreListedAtZeroCost()
    {
        var report = Bill(("lambda", "Request", 5m), ("sqs", "Requests-Tier1", 10m));
        Assert.Equal(0m, Assert.Single(report.Lines, l => l.Service == "sqs").Cost);
    }

    private CostReport Bill(params (string UsageType, decimal Quantity)[] usage) =>
        Bill(usage.Select(u => ("lambda", u.UsageType, u.Quantity)).ToArray());

    private CostReport Bill(params (string Service, string UsageType, decimal Quantity)[] usage) => _calculator.Report(2026, 11,
        usage.Select(u => new UsageTotal("000000000000", new DateOnly(2026, 11, 5), u.Service, u.UsageType, "f", u.Quantity)).ToList(), MonthEnd);

    internal static FunctionInvocationReport Report(int memoryMb, long billedMs, DateTimeOffset at, string function, string architecture = "x86_64") => new()
    {
        Scope = AwsScope.Default,
        FunctionName = function,
        ExecutedVersion = "$LATEST",
        Timestamp = at,
        Architecture = architecture,
        MemorySizeMb = memoryMb,
        DurationMs = billedMs - 0.5,
        BilledDurationMs = billedMs,
    };
}
