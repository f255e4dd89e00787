using System.Collections.Concurrent;
using Nimbus.Core;
using Nimbus.EventBridge.Firing;
using Nimbus.EventBridge.Model;
using Nimbus.Core.Patterns;
using Nimbus.EventBridge.Schedules;
using Nimbus.EventBridge.Store;

namespace Nimbus.EventBridge.Service;

/// <summary>EventBridge's logic: buses, rules, targets, events. Knows nothing of HTTP or JSON wire shapes.</summary>
internal sealed partial class EventsService
{
    public const string DefaultBus = "default";

    /// <summary>"The maximum number of targets per rule is 5" (EventBridge quotas).</summary>
    public const int MaxTargetsPerRule = 5;

    private readonly IEventBridgeStore _store;
    private readonly ScheduleEngine _engine;
    private readonly DeliveryWorker _deliveries;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, EventPattern> _patterns = new(StringComparer.Ordinal);
    private readonly Lock _writes = new();

    public EventsService(IEventBridgeStore store, ScheduleEngine engine, DeliveryWorker deliveries, TimeProvider time)
    {
        _store = store;
        _engine = engine;
        _deliveries = deliveries;
        _time = time;
    }

    public static string BusArn(AwsScope scope, string name) => Arn.Build("events", scope, $"event-bus/{name}");

    /// <summary>Rules on the default bus are <c>rule/name</c>; on a custom bus, <c>rule/bus/name</c>.</summary>
    public static string RuleArn(AwsScope scope, string bus, string name) =>
        Arn.Build("events", scope, bus == DefaultBus ? $"rule/{name}" : $"rule/{bus}/{name}");

    /// <summary>A bus given by name or ARN, as every <c>EventBusName</c> parameter accepts.</summary>
    public static string BusName(string? nameOrArn)
    {
        if (string.IsNullOrEmpty(nameOrArn))
        {
            return DefaultBus;
        }
        var marker = nameOrArn.IndexOf(":event-bus/", StringComparison.Ordinal);
        return nameOrArn.StartsWith("arn:", StringComparison.Ordinal) && marker > 0 ? nameOrArn[(marker + 11)..] : nameOrArn;
    }

    /// <summary>Compiles a pattern (cached by text); AWS's InvalidEventPatternException when it is not valid.</summary>
    public EventPattern CompilePattern(string pattern)
    {
        if (_patterns.TryGetValue(pattern, out var compiled))
        {
            return compiled;
        }
        try
        {
            compiled = EventPattern.Parse(pattern);
        }
        catch (EventPatternException exception)
        {
            throw EventsErrors.InvalidPattern(exception.Message);
        }
        if (_patterns.Count < 10_000)
        {
            _patterns[pattern] = compiled;
        }
        return compiled;
    }

    public static void ValidateSchedule(string expression)
    {
        if (ScheduleExpression.Parse(expression, allowAt: false) is null)
        {
            throw EventsErrors.InvalidSchedule();
        }
    }

    /// <summary>Loads the scheduled rules into the scheduler (at start).</summary>
    public IEnumerable<ScheduledJob> ScheduledJobs() =>
        _store.ListScheduledRules().Select(r => (ScheduledJob?)RuleJob.For(r.Scope, r.Rule)).OfType<ScheduledJob>();

    /// <summary>The bus, creating <c>default</c> on first use as every AWS account has one.</summary>
    private EventBusRecord RequireBus(AwsScope scope, string name)
    {
        if (_store.GetBus(scope, name) is { } bus)
        {
            return bus;
        }
        if (name != DefaultBus)
        {
            throw EventsErrors.BusNotFound(name);
        }
        var now = _time.GetUtcNow();
        _store.TryAddBus(scope, new EventBusRecord { Name = DefaultBus, Arn = BusArn(scope, DefaultBus), CreationTime = now, LastModifiedTime = now });
        return _store.GetBus(scope, DefaultBus)!;
    }

    private RuleRecord RequireRule(AwsScope scope, string bus, string name)
    {
        RequireBus(scope, bus);
        return _store.GetRule(scope, bus, name) ?? throw EventsErrors.RuleNotFound(name, bus);
    }

    /// <summary>Stores a rule and tells the scheduler (adds, moves or removes its job).</summary>
    private void SaveRule(AwsScope scope, RuleRecord rule)
    {
        _store.SaveRule(scope, rule);
        var key = ScheduleKeys.Rule(scope, rule.EventBusName, rule.Name);
        if (RuleJob.For(scope, rule) is { } job)
        {
            _engine.Upsert(job, _time.GetUtcNow());
        }
        else
        {
            _engine.Remove(key);
        }
    }
}
