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
            Console.WriteLine("| measure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| alarm evaluation pass, {alarms:N0} alarms (1 metric each, 5 periods read), wall | {evaluation.Wall.TotalMilliseconds:N0} ms ({evaluation.Wall.TotalMilliseconds * 1000 / alarms:N0} µs/alarm) |");
            Console.WriteLine($"| the same pass, process CPU (wall minus waiting for fsync and for a CPU) | {evaluation.Cpu.TotalMilliseconds:N0} ms |");
            Console.WriteLine($"| GetCostAndUsage, 30 days × {functions:N0} functions, DAILY grouped by SERVICE and TAG | {pricing.TotalMilliseconds:N0} ms |");
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
}
