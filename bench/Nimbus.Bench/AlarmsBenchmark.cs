using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.Billing.CostExplorer;
using Nimbus.Billing.Pricing;
using Nimbus.Billing.Usage;
using Nimbus.CloudWatch;
using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Alarms.Service;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.Protocol.Routing;

namespace Nimbus.Bench;

/// <summary>
/// <c>bench/run alarms [alarms] [functions]</c>: one alarm-evaluation pass over N alarms (each reading its metric's
/// evaluation range from a real SQLite metric store), and Cost Explorer's day-by-day pricing of a month of usage of
/// M functions. Both run off the request path; the numbers say how far a single node scales.
/// </summary>
internal static class AlarmsBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var alarms = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        var functions = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var directory = Directory.CreateTempSubdirectory("nimbus-bench-alarms-").FullName;
        try
        {
            var evaluation = await EvaluationPassAsync(directory, alarms);
            var pricing = CostExplorerPricing(directory, functions);
            var (dailyAdd, hourlyAdd, hourlyPricing) = HourlyUsage(directory, functions);
            Console.WriteLine("| measure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| alarm evaluation pass, {alarms:N0} alarms (1 metric each, 5 periods read), wall | {evaluation.Wall.TotalMilliseconds:N0} ms ({evaluation.Wall.TotalMilliseconds * 1000 / alarms:N0} µs/alarm) |");
            Console.WriteLine($"| the same pass, process CPU (wall minus waiting for fsync and for a CPU) | {evaluation.Cpu.TotalMilliseconds:N0} ms |");
            Console.WriteLine($"| GetCostAndUsage, 30 days × {functions:N0} functions, DAILY grouped by SERVICE and TAG | {pricing.TotalMilliseconds:N0} ms |");
            Console.WriteLine($"| usage store Add, a batch of {functions * 2:N0} increments, daily totals only | {dailyAdd.TotalMilliseconds:N1} ms |");
            Console.WriteLine($"| the same batch, daily and hourly totals (one transaction) | {hourlyAdd.TotalMilliseconds:N1} ms |");
            Console.WriteLine($"| GetCostAndUsage, 13 days × 24 hours × {functions:N0} functions, HOURLY grouped by SERVICE and TAG | {hourlyPricing.TotalMilliseconds:N0} ms |");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> EvaluationPassAsync(string directory, int count)
    {
        var services = new ServiceCollection()
            .AddSingleton(new NimbusPaths(directory))
            .AddSingleton(new EdgeOptions())
            .AddSingleton<AwsServiceRouter>()
            .AddNimbusCloudWatch()
            .BuildServiceProvider();
        var metrics = services.GetRequiredService<MetricsService>();
        var alarms = services.GetRequiredService<AlarmsService>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var dimension = new[] { new MetricDatumInput("MetricData.member.1", "Errors", [new Dimension("FunctionName", $"f{i}")], now.AddMinutes(-1), i % 10,
                null, null, null, "Count", null) };
            metrics.PutMetricData(AwsScope.Default, "Bench", dimension);
            alarms.PutMetricAlarm(AwsScope.Default, new MetricAlarm
            {
                AccountId = "",
                Region = "",
                AlarmName = $"alarm-{i}",
                AlarmArn = "",
                StateValue = AlarmStates.InsufficientData,
                StateReason = "",
                Namespace = "Bench",
                MetricName = "Errors",
                Dimensions = [new Dimension("FunctionName", $"f{i}")],
                Statistic = "Sum",
                Period = 60,
                EvaluationPeriods = 3,
                Threshold = 5,
                ComparisonOperator = "GreaterThanThreshold",
            });
        }
        var evaluator = services.GetRequiredService<AlarmEvaluator>();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await evaluator.EvaluateAsync();
        var wall = watch.Elapsed;
        process.Refresh();
        return (wall, process.TotalProcessorTime - cpu);
    }

    private static TimeSpan CostExplorerPricing(string directory, int functions)
    {
        var store = new SqliteUsageStore(new SqliteDatabase(Path.Combine(directory, "billing.db")));
        var first = new DateOnly(2026, 10, 1);
        for (var day = 0; day < 30; day++)
        {
            store.Add(Enumerable.Range(0, functions).SelectMany(f => new[]
            {
                new UsageIncrement(AwsScope.DefaultAccountId, first.AddDays(day), "lambda", "Request", $"f{f}", 1000m * (f + 1)),
                new UsageIncrement(AwsScope.DefaultAccountId, first.AddDays(day), "lambda", "Lambda-GB-Second", $"f{f}", 125m * (f + 1)),
            }).ToList());
        }
        var service = new CostExplorerService(store, PriceTableLoader.Default(), TimeProvider.System, []);
        var watch = Stopwatch.StartNew();
        service.GetCostAndUsage(AwsScope.Default, new CostAndUsageQuery(first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), first.AddDays(30).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), "DAILY", ["UnblendedCost"],
            [("DIMENSION", "SERVICE"), ("TAG", "team")], null, null));
        return watch.Elapsed;
    }

    /// <summary>
    /// The recorder's store write without and with the hourly totals (the median of 14 batches each, fsync included),
    /// then HOURLY pricing over the 14 days of hourly data that writes of every hour leave.
    /// </summary>
    private static (TimeSpan DailyAdd, TimeSpan HourlyAdd, TimeSpan Pricing) HourlyUsage(string directory, int functions)
    {
        var store = new SqliteUsageStore(new SqliteDatabase(Path.Combine(directory, "hourly.db")));
        var now = DateTime.UtcNow;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        List<UsageIncrement> Batch(DateTime at, bool hourly) => Enumerable.Range(0, functions).SelectMany(f => new[]
        {
            new UsageIncrement(AwsScope.DefaultAccountId, DateOnly.FromDateTime(at), "lambda", "Request", $"f{f}", 10m, hourly ? at.Hour : null),
            new UsageIncrement(AwsScope.DefaultAccountId, DateOnly.FromDateTime(at), "lambda", "Lambda-GB-Second", $"f{f}", 1.25m, hourly ? at.Hour : null),
        }).ToList();
        TimeSpan Median(bool hourly)
        {
            var times = new List<TimeSpan>();
            for (var i = 0; i < 14; i++)
            {
                var batch = Batch(hour.AddDays(-i), hourly);
                var watch = Stopwatch.StartNew();
                store.Add(batch);
                times.Add(watch.Elapsed);
            }
            return times.Order().ElementAt(times.Count / 2);
        }
        var daily = Median(hourly: false);
        var both = Median(hourly: true);
        for (var at = hour.AddDays(-13); at <= hour; at = at.AddHours(1))
        {
            store.Add(Batch(at, hourly: true));
        }
        var service = new CostExplorerService(store, PriceTableLoader.Default(), TimeProvider.System, []);
        var pricing = Stopwatch.StartNew();
        service.GetCostAndUsage(AwsScope.Default, new CostAndUsageQuery(hour.AddDays(-13), hour.AddHours(1), "HOURLY", ["UnblendedCost"],
            [("DIMENSION", "SERVICE"), ("TAG", "team")], null, null));
        return (daily, both, pricing.Elapsed);
    }
}
