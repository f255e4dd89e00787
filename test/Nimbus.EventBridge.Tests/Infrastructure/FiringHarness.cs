using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.EventBridge.Firing;
using Nimbus.EventBridge.Service;
using Nimbus.EventBridge.Store;

namespace Nimbus.EventBridge.Tests.Infrastructure;

/// <summary>
/// The EventBridge services, scheduler and delivery worker over a real SQLite file, driven by a fake clock: a test
/// advances the clock, then runs the scheduler and the worker once, so nothing depends on real time. "Restarting"
/// builds new instances over the same file, as a new server process would.
/// </summary>
internal sealed class FiringHarness : IDisposable
{
    public FiringHarness(FakeTimeProvider clock, RecordingInvoker invoker, string? directory = null)
    {
        Clock = clock;
        Invoker = invoker;
        Directory = directory ?? Path.Combine(Path.GetTempPath(), "nimbus-events-" + Guid.NewGuid().ToString("N")[..8]);
        Store = new SqliteEventBridgeStore(new SqliteDatabase(Path.Combine(Directory, "events.db")));
        Worker = new DeliveryWorker(Store, invoker, clock, NullLogger<DeliveryWorker>.Instance);
        Engine = new ScheduleEngine(Store, clock, Worker, NullLogger<ScheduleEngine>.Instance);
        Events = new EventsService(Store, Engine, Worker, clock);
        Scheduler = new SchedulerService(Store, Engine, clock);
        Engine.Load(Events.ScheduledJobs().Concat(Scheduler.ScheduledJobs()));
    }

    public static AwsScope Scope { get; } = AwsScope.Default;

    public const string FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:tick";

    public FakeTimeProvider Clock { get; }

    public RecordingInvoker Invoker { get; }

    public string Directory { get; }

    public SqliteEventBridgeStore Store { get; }

    public DeliveryWorker Worker { get; }

    public ScheduleEngine Engine { get; }

    public EventsService Events { get; }

    public SchedulerService Scheduler { get; }

    /// <summary>A new "process" on the same data directory.</summary>
    public FiringHarness Restart() => new(Clock, Invoker, Directory);

    /// <summary>Moves the clock, then fires what is due and delivers what was queued.</summary>
    public async Task<int> AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        var fired = await Engine.FireDueAsync();
        await Worker.DrainAsync();
        return fired;
    }

    public void Dispose()
    {
        // The directory is shared with restarted harnesses; the last test to finish with it does not matter.
    }
}
