using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.EventBridge.Firing;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Store;

namespace Nimbus.EventBridge.Bench;

/// <summary>
/// The scheduler under load, on the real clock and a real SQLite file: register N scheduled rules (each with a Lambda
/// target), let the engine idle, then measure how late it fires a tick at which M of them are due and how long until
/// all M deliveries reached the invoker seam.
/// </summary>
internal static class ScheduleBenchmark
{
    public static async Task RunAsync(int total, int due)
    {
        var directory = Path.Combine(Path.GetTempPath(), "nimbus-bench-schedules-" + Guid.NewGuid().ToString("N")[..8]);
        var store = new SqliteEventBridgeStore(new SqliteDatabase(Path.Combine(directory, "events.db")));
        var invoker = new CountingInvoker();
        var time = TimeProvider.System;
        var worker = new DeliveryWorker(store, invoker, time, NullLogger<DeliveryWorker>.Instance);
        var engine = new ScheduleEngine(store, time, worker, NullLogger<ScheduleEngine>.Instance);
        var scope = AwsScope.Default;

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var now = time.GetUtcNow();
        // The due tick lands on a whole second a few seconds after registration (rate ticks fall on whole seconds).
        var tick = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(10);
        var jobs = new List<ScheduledJob>(total);
        for (var i = 0; i < total; i++)
        {
            // The first `due` rules tick at `tick`; the others every hour, their next tick hours away.
            var anchor = i < due ? tick.AddHours(-1) : now.AddMinutes(i % 600);
            var rule = new RuleRecord
            {
                Name = $"rule-{i}",
                EventBusName = "default",
                Arn = $"arn:aws:events:us-east-1:000000000000:rule/rule-{i}",
                ScheduleExpression = "rate(1 hour)",
                State = "ENABLED",
                CreatedBy = scope.AccountId,
                ScheduleAnchor = anchor,
                Targets = [new TargetRecord { Id = "t", Arn = "arn:aws:lambda:us-east-1:000000000000:function:f" }],
            };
            jobs.Add(RuleJob.For(scope, rule)!);
        }
        // Registration as at start-up: one read of the fired ticks, then every job into the priority queue.
        var register = Stopwatch.StartNew();
        engine.Load(jobs);
        register.Stop();
        jobs = null;
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);

        using var stop = new CancellationTokenSource();
        await worker.StartAsync(stop.Token);
        await engine.StartAsync(stop.Token);

        // Idle: nothing is due until `tick`; measure the process's CPU over a few seconds of waiting.
        var idleSeconds = Math.Max(1, (tick - time.GetUtcNow()).TotalSeconds - 1.5);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var idleWatch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        var idleCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / idleWatch.Elapsed.TotalMilliseconds;

        // Wait until every due delivery reached the invoker.
        var deadline = Stopwatch.StartNew();
        while (invoker.Count < due && deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(10);
        }
        var tickTimestamp = Stopwatch.GetTimestamp() - (long)((time.GetUtcNow() - tick).TotalSeconds * Stopwatch.Frequency);
        var firstFired = store.GetLastTick($"rule\u001f{scope.AccountId}\u001f{scope.Region}\u001fdefault\u001frule-0");
        var allDelivered = Stopwatch.GetElapsedTime(tickTimestamp, invoker.LastTimestamp);
        stop.Cancel();
        await engine.StopAsync(CancellationToken.None);
        await worker.StopAsync(CancellationToken.None);

        Console.WriteLine($"| schedules | due at one tick | register | engine memory | idle CPU | fired tick recorded | all {due:N0} delivered after the tick |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {total:N0} | {due:N0} | {register.Elapsed.TotalSeconds:F2} s | {(memoryAfter - memoryBefore) / 1024.0 / 1024.0:F1} MB | {idleCpu * 100:F2} % of a core | {(firstFired == tick ? "yes" : "no")} | {allDelivered.TotalMilliseconds:N0} ms (delivered {invoker.Count:N0}) |");
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
