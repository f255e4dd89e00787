using Microsoft.Extensions.Logging.Abstractions;
using Nimbus.CloudWatch.Logs;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Tests.Service;

/// <summary>PutRetentionPolicy is enforced: expired events are deleted, and the group's size and streams follow.</summary>
public sealed class LogRetentionTests : IAsyncLifetime
{
    private static readonly AwsScope Scope = AwsScope.Default;
    private readonly LogsFixture _logs = new();

    public async Task InitializeAsync()
    {
        await _logs.Service.CreateGroupAsync(Scope, "kept", null, default);
        await _logs.Service.CreateGroupAsync(Scope, "short", null, default);
        foreach (var group in new[] { "kept", "short" })
        {
            await _logs.Service.CreateStreamAsync(Scope, group, "s", default);
        }
    }

    public async Task DisposeAsync() => await _logs.DisposeAsync();

    [Fact]
    public async Task RetentionPass_DeletesOnlyEventsOlderThanTheGroupsRetention()
    {
        var retention = new LogRetention(_logs.Store, _logs.Time, NullLogger<LogRetention>.Instance);
        await _logs.Service.SetRetentionAsync(Scope, "short", 1, default);
        foreach (var group in new[] { "kept", "short" })
        {
            await _logs.Service.PutEventsAsync(Scope, group, "s", [new LogRecord(_logs.Time.NowMs, "old")], default);
        }
        _logs.Time.Advance(TimeSpan.FromHours(20));
        await _logs.Service.PutEventsAsync(Scope, "short", "s", [new LogRecord(_logs.Time.NowMs, "recent")], default);

        Assert.Equal(0, await retention.RunOnceAsync());
        _logs.Time.Advance(TimeSpan.FromHours(5));
        Assert.Equal(1, await retention.RunOnceAsync());

        Assert.Equal(["recent"], (await _logs.Service.GetEventsAsync(Scope, "short", "s", null, null, null, null, true, default)).Events.Select(e => e.Message));
        Assert.Equal(["old"], (await _logs.Service.GetEventsAsync(Scope, "kept", "s", null, null, null, null, true, default)).Events.Select(e => e.Message));
        var groups = await _logs.Service.GetGroupsAsync(Scope, ["short"], default);
        Assert.Equal(LogsLimits.SizeOf("recent"), Assert.Single(groups).StoredBytes);
    }
}
