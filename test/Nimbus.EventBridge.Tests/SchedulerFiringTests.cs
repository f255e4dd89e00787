using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Nimbus.Core;
using Nimbus.Core.Invocation;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Tests.Infrastructure;

namespace Nimbus.EventBridge.Tests;

/// <summary>Scheduled rules fire on a fake clock: once per tick, with AWS's scheduled-event JSON, across restarts.</summary>
public sealed class SchedulerFiringTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2024-03-10T00:00:30Z");

    [Fact]
    public async Task RateOneHour_FiresTwentyFourTimesInADay_WithScheduledEventJson()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        var ruleArn = CreateHourlyRule(harness, "hourly");

        var fired = 0;
        for (var hour = 0; hour < 24; hour++)
        {
            fired += await harness.AdvanceAsync(TimeSpan.FromHours(1));
        }

        Assert.Equal(24, fired);
        var calls = invoker.Calls.ToList();
        Assert.Equal(24, calls.Count);
        Assert.All(calls, c => Assert.Equal(InvocationKind.Event, c.Kind));
        Assert.All(calls, c => Assert.Equal(FiringHarness.FunctionArn, c.Function));
        var events = calls.Select(c => JsonDocument.Parse(c.Payload).RootElement).ToList();
        var first = events[0];
        Assert.Equal("0", first.GetProperty("version").GetString());
        Assert.Equal("Scheduled Event", first.GetProperty("detail-type").GetString());
        Assert.Equal("aws.events", first.GetProperty("source").GetString());
        Assert.Equal("000000000000", first.GetProperty("account").GetString());
        Assert.Equal("us-east-1", first.GetProperty("region").GetString());
        Assert.Equal([ruleArn], first.GetProperty("resources").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("detail").ValueKind);
        Assert.Empty(first.GetProperty("detail").EnumerateObject());
        Assert.True(Guid.TryParse(first.GetProperty("id").GetString(), out _));
        // time is the scheduled tick: one hour after creation, then every hour.
        var times = events.Select(e => e.GetProperty("time").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, 24).Select(h => (Start + TimeSpan.FromHours(h)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")), times);
        Assert.Equal(24, events.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task DisabledRule_DoesNotFire_AndFiresAgainOnceEnabled()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        CreateHourlyRule(harness, "paused");
        harness.Events.SetRuleState(FiringHarness.Scope, null, "paused", enabled: false);

        for (var hour = 0; hour < 5; hour++)
        {
            await harness.AdvanceAsync(TimeSpan.FromHours(1));
        }
        Assert.Empty(invoker.Calls);

        harness.Events.SetRuleState(FiringHarness.Scope, null, "paused", enabled: true);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(59));
        Assert.Empty(invoker.Calls);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Single(invoker.Calls);
    }

    [Fact]
    public async Task RestartMidDay_NeitherLosesNorRepeatsATick()
    {
        var invoker = new RecordingInvoker();
        var clock = new FakeTimeProvider(Start);
        var before = new FiringHarness(clock, invoker);
        CreateHourlyRule(before, "survivor");
        for (var hour = 0; hour < 12; hour++)
        {
            await before.AdvanceAsync(TimeSpan.FromHours(1));
        }
        // Half a tick later the process restarts: new engine, new services, same database.
        clock.Advance(TimeSpan.FromMinutes(30));
        var after = before.Restart();
        Assert.Equal(0, await after.Engine.FireDueAsync());
        for (var hour = 0; hour < 12; hour++)
        {
            await after.AdvanceAsync(TimeSpan.FromHours(1));
        }

        var times = invoker.Calls.Select(c => JsonDocument.Parse(c.Payload).RootElement.GetProperty("time").GetString()).ToList();
        Assert.Equal(24, times.Count);
        Assert.Equal(24, times.Distinct().Count());
    }

    [Fact]
    public async Task TicksMissedWhileDown_FireOnlyTheLatestOnce()
    {
        var invoker = new RecordingInvoker();
        var clock = new FakeTimeProvider(Start);
        var before = new FiringHarness(clock, invoker);
        CreateHourlyRule(before, "downtime");
        await before.AdvanceAsync(TimeSpan.FromHours(1));
        // Down for five hours and a bit: ticks 2..6 pass with no server.
        clock.Advance(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(10));
        var after = before.Restart();
        Assert.Equal(1, await after.Engine.FireDueAsync());
        await after.Worker.DrainAsync();
        Assert.Equal(0, await after.Engine.FireDueAsync());
        await after.AdvanceAsync(TimeSpan.FromMinutes(50));

        var times = invoker.Calls.Select(c => DateTimeOffset.Parse(JsonDocument.Parse(c.Payload).RootElement.GetProperty("time").GetString()!)).ToList();
        Assert.Equal([Start.AddHours(1), Start.AddHours(6), Start.AddHours(7)], times);
    }

    [Fact]
    public async Task DeletedRuleAndRuleWithoutTargets_DeliverNothing()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        harness.Events.PutRule(FiringHarness.Scope, "default", "no-targets", "rate(1 minute)", null, null, null, null, null);
        CreateHourlyRule(harness, "gone");
        harness.Events.RemoveTargets(FiringHarness.Scope, null, "gone", ["t1"]);
        harness.Events.DeleteRule(FiringHarness.Scope, null, "gone", force: false);

        await harness.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Empty(invoker.Calls);
        Assert.Equal(1, harness.Engine.Count);
    }

    [Fact]
    public async Task ThrottledDelivery_IsRetriedWithBackoff_MissingFunctionIsNot()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        CreateHourlyRule(harness, "flaky");
        var failures = 2;
        invoker.Fail = _ => failures-- > 0 ? new AwsServiceException("TooManyRequestsException", 429, "Rate exceeded") : null;

        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Empty(invoker.Calls);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Empty(invoker.Calls);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(4));
        Assert.Single(invoker.Calls);

        invoker.Fail = _ => new AwsServiceException("ResourceNotFoundException", 404, "Function not found");
        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Null(harness.Store.NextDeliveryTime());
    }

    private static string CreateHourlyRule(FiringHarness harness, string name)
    {
        var arn = harness.Events.PutRule(FiringHarness.Scope, "default", name, "rate(1 hour)", null, null, null, null, null);
        var failed = harness.Events.PutTargets(FiringHarness.Scope, null, name, [new TargetRecord { Id = "t1", Arn = FiringHarness.FunctionArn }]);
        Assert.Empty(failed);
        return arn;
    }
}
