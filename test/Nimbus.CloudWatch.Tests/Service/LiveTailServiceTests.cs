using Nimbus.CloudWatch.Logs.LiveTail;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Tests.Service;

/// <summary>Live tail's rules on a fake clock: only events stored after the start, stream filters, sampling to 500, the 3-hour end, the session quota.</summary>
public sealed class LiveTailServiceTests : IAsyncLifetime
{
    private static readonly AwsScope Scope = AwsScope.Default;
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly LogsFixture _logs = new();
    private LiveTailService _tail = null!;

    public async Task InitializeAsync()
    {
        _tail = new LiveTailService(_logs.Store, _logs.Time);
        await _logs.Service.CreateGroupAsync(Scope, "g", null, Ct);
        await _logs.Service.CreateStreamAsync(Scope, "g", "app/1", Ct);
        await _logs.Service.CreateStreamAsync(Scope, "g", "other", Ct);
    }

    public async Task DisposeAsync() => await _logs.DisposeAsync();

    [Fact]
    public async Task Poll_ShowsOnlyEventsStoredAfterTheStart_OfTheChosenStreams()
    {
        await Put("app/1", "before");
        var session = await _tail.StartAsync(Scope, [("g", "g")], null, ["app/"], null, Ct);
        await Put("app/1", "after");
        await Put("other", "elsewhere");

        var first = _tail.Poll(session);
        var second = _tail.Poll(session);

        Assert.Equal(["after"], first.Events.Select(e => e.Event.Message));
        Assert.False(first.Sampled);
        Assert.Empty(second.Events);
    }

    [Fact]
    public async Task Poll_MoreThan500Matching_SamplesEvenlyTo500()
    {
        var session = await _tail.StartAsync(Scope, [("g", "g")], null, null, "ERROR", Ct);
        var now = _logs.Time.GetUtcNow().ToUnixTimeMilliseconds();
        await _logs.Service.PutEventsAsync(Scope, "g", "app/1",
            Enumerable.Range(0, 1200).Select(i => new LogRecord(now, (i % 2 == 0 ? "ERROR " : "INFO ") + i)).ToList(), Ct);

        var update = _tail.Poll(session);

        Assert.True(update.Sampled);
        Assert.Equal(LiveTailService.MaxEventsPerUpdate, update.Events.Count);
        Assert.All(update.Events, e => Assert.StartsWith("ERROR ", e.Event.Message));
        Assert.Equal("ERROR 0", update.Events[0].Event.Message);
        Assert.Equal("ERROR 1196", update.Events[^1].Event.Message);
    }

    [Fact]
    public async Task Updates_EndAfterThreeHours_AsATimeout()
    {
        var session = await _tail.StartAsync(Scope, [("g", "g")], null, null, null, Ct);
        Assert.False(_tail.TimedOut(session));

        _logs.Time.Advance(LiveTailService.SessionTimeout);
        var updates = new List<LiveTailUpdate>();
        await foreach (var update in _tail.UpdatesAsync(session, Ct))
        {
            updates.Add(update);
        }

        Assert.Empty(updates);
        Assert.True(_tail.TimedOut(session));
    }

    [Fact]
    public async Task Start_BeyondTheSessionQuota_IsLimitExceeded_UntilOneEnds()
    {
        var sessions = new List<LiveTailSession>();
        for (var i = 0; i < LiveTailService.MaxSessions; i++)
        {
            sessions.Add(await _tail.StartAsync(Scope, [("g", "g")], null, null, null, Ct));
        }

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _tail.StartAsync(Scope, [("g", "g")], null, null, null, Ct));
        Assert.Equal("LimitExceededException", error.ErrorCode);
        _tail.End(sessions[0]);
        _tail.End(await _tail.StartAsync(Scope, [("g", "g")], null, null, null, Ct));
    }

    private Task Put(string stream, string message) =>
        _logs.Service.PutEventsAsync(Scope, "g", stream, [new LogRecord(_logs.Time.GetUtcNow().ToUnixTimeMilliseconds(), message)], Ct);
}
