using Nimbus.Billing.CostExplorer;
using Nimbus.Billing.Pricing;
using Nimbus.Billing.Reports;
using Nimbus.Billing.Usage;
using Nimbus.Core;
using Nimbus.Core.Storage;

namespace Nimbus.Billing.Tests;

/// <summary>The hourly usage totals: written with the daily ones, priced so a day's hours add up to the day, pruned after 14 days.</summary>
public sealed class HourlyUsageStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void LambdaUsage_CarriesTheHourOfTheInvocation()
    {
        var report = CostCalculatorTests.Report(128, 100, new DateTimeOffset(2026, 11, 27, 13, 59, 59, TimeSpan.Zero), "f");
        Assert.All(LambdaUsage.For(report), i => Assert.Equal(13, i.Hour));
    }

    [Fact]
    public void Add_WritesDailyAndHourlyTotals_AndPrunesHoursOlderThan14Days()
    {
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var store = new SqliteUsageStore(new SqliteDatabase(System.IO.Path.Combine(_directory.Path, "billing.db")));
        var old = today.AddDays(-15);
        store.Add([new UsageIncrement(AwsScope.DefaultAccountId, old, "lambda", "Request", "f", 5m, 3)]);
        store.Add([
            new UsageIncrement(AwsScope.DefaultAccountId, today, "lambda", "Request", "f", 2m, now.Hour),
            new UsageIncrement(AwsScope.DefaultAccountId, today, "lambda", "Request", "f", 3m, now.Hour),
            new UsageIncrement(AwsScope.DefaultAccountId, today, "lambda", "Request", "g", 1m),
        ]);

        var hourly = store.ReadHourly(old.ToDateTime(TimeOnly.MinValue), now.AddHours(1), null);
        var hour = Assert.Single(hourly);
        Assert.Equal((today, now.Hour, "f", 5m), (hour.Day, hour.Hour!.Value, hour.Resource, hour.Quantity));
        // The daily totals keep the old day and count the increment without an hour.
        var daily = store.Read(old, today, null);
        Assert.Equal([5m, 5m, 1m], daily.Select(d => d.Quantity));
    }

    [Fact]
    public void HourlyCosts_AddUpToTheDailyCost_WithTheFreeTierUsedInHourOrder()
    {
        var day = new DateOnly(2026, 11, 20);
        List<UsageTotal> hours =
        [
            new("a", day, "lambda", "Request", "f", 700_000m, 1),
            new("a", day, "lambda", "Request", "g", 300_000m, 1),
            new("a", day, "lambda", "Request", "f", 1_500_000m, 5),
        ];
        // 800,000 requests earlier in the month: only 200,000 of the free million are left on the 20th.
        List<UsageTotal> daily = [new("a", day.AddDays(-1), "lambda", "Request", "f", 800_000m), new("a", day, "lambda", "Request", "f", 2_500_000m)];
        var calculator = new CostCalculator(PriceTableLoader.Default());
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var rows = HourlyCosts.Compute(calculator, daily, hours, start, start.AddDays(1));
        var dailyRows = DailyCosts.Compute(calculator, daily, day, day.AddDays(1));

        // Hour 1: 1,000,000 requests of which 800,000 billable = $0.16, split 7:3; hour 5: 1,500,000 × $0.0000002 = $0.30.
        Assert.Equal(0.112m, rows.Single(r => r.Start.Hour == 1 && r.Resource == "f").Cost);
        Assert.Equal(0.048m, rows.Single(r => r.Start.Hour == 1 && r.Resource == "g").Cost);
        Assert.Equal(0.30m, rows.Single(r => r.Start.Hour == 5).Cost);
        Assert.Equal(dailyRows.Sum(r => r.Cost), rows.Sum(r => r.Cost));
    }

    public void Dispose() => _directory.Dispose();
}
