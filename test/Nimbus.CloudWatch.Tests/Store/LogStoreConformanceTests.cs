using Nimbus.CloudWatch.Logs.Model;
using Nimbus.CloudWatch.Logs.Store;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Tests.Store;

/// <summary>
/// The behaviour every <see cref="ILogStore"/> must have (SQLite now, PostgreSQL later): derive, supply the
/// store and a way to reopen it over the same data.
/// </summary>
public abstract class LogStoreConformanceTests
{
    private static readonly AwsScope Scope = new("111111111111", "us-east-1");

    private static CancellationToken Ct => CancellationToken.None;

    internal abstract ILogStore Store { get; }

    /// <summary>A new store instance over the same data, as after a restart.</summary>
    internal abstract ILogStore Reopen();

    [Fact]
    public async Task ReadStream_ReturnsEventsByTimestampThenArrival()
    {
        await Append("g", "s", (20, "b"), (10, "a"), (20, "c"));

        var page = await Store.ReadStreamAsync(Scope, "g", "s", new StreamEventQuery(null, null, null, null, true, 100, 1 << 20), Ct);

        Assert.Equal(["a", "b", "c"], page!.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task ReadStream_StopsAtLimitAndSaysThereIsMore()
    {
        await Append("g", "s", (1, "a"), (2, "b"), (3, "c"));

        var first = await Store.ReadStreamAsync(Scope, "g", "s", new StreamEventQuery(null, null, null, null, true, 2, 1 << 20), Ct);
        var rest = await Store.ReadStreamAsync(Scope, "g", "s", new StreamEventQuery(null, null, first!.Events[^1].Key, null, true, 2, 1 << 20), Ct);

        Assert.True(first.HasMore);
        Assert.Equal(["a", "b"], first.Events.Select(e => e.Message));
        Assert.Equal(["c"], rest!.Events.Select(e => e.Message));
        Assert.False(rest.HasMore);
    }

    [Fact]
    public async Task ReadStream_TimeRangeIncludesStartAndExcludesEnd()
    {
        await Append("g", "s", (10, "a"), (20, "b"), (30, "c"));

        var page = await Store.ReadStreamAsync(Scope, "g", "s", new StreamEventQuery(10, 30, null, null, true, 100, 1 << 20), Ct);

        Assert.Equal(["a", "b"], page!.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task ReadStream_BackwardsReturnsTheNewestEventsOldestFirst()
    {
        await Append("g", "s", (1, "a"), (2, "b"), (3, "c"));

        var page = await Store.ReadStreamAsync(Scope, "g", "s", new StreamEventQuery(null, null, null, null, false, 2, 1 << 20), Ct);

        Assert.Equal(["b", "c"], page!.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task ReadStream_StopsAtTheByteLimitCountingTwentySixBytesPerEvent()
    {
        await Append("g", "s", (1, new string('x', 74)), (2, new string('y', 74)));

        var page = await Store.ReadStreamAsync(Scope, "g", "s", new StreamEventQuery(null, null, null, null, true, 100, 150), Ct);

        Assert.Single(page!.Events);
        Assert.True(page.HasMore);
    }

    [Fact]
    public async Task Filter_InterleavesStreamsByTimeAndAppliesTerms()
    {
        await Append("g", "s1", (1, "ERROR one"), (3, "INFO three"));
        await Append("g", "s2", (2, "ERROR two"), (4, "error four"));

        var page = await Store.FilterAsync(Scope, "g", Query(pattern: new FilterPattern(["ERROR"], [], [])), Ct);

        Assert.Equal(["ERROR one", "ERROR two"], page!.Events.Select(e => e.Message));
        Assert.Equal(["s1", "s2"], page.Events.Select(e => e.StreamName));
        Assert.Equal(["s1", "s2"], page.SearchedStreams);
    }

    [Fact]
    public async Task Filter_ByStreamNamesAndPrefixSearchesOnlyThoseStreams()
    {
        await Append("g", "a-1", (1, "x"));
        await Append("g", "a-2", (2, "y"));
        await Append("g", "b-1", (3, "z"));

        var byPrefix = await Store.FilterAsync(Scope, "g", Query(prefix: "a-"), Ct);
        var byName = await Store.FilterAsync(Scope, "g", Query(names: ["b-1"]), Ct);

        Assert.Equal(["x", "y"], byPrefix!.Events.Select(e => e.Message));
        Assert.Equal(["z"], byName!.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task Filter_TimeRangeIsInclusiveAtBothEnds()
    {
        await Append("g", "s", (10, "a"), (20, "b"), (30, "c"), (40, "d"));

        var page = await Store.FilterAsync(Scope, "g", Query() with { StartTime = 20, EndTime = 30 }, Ct);

        Assert.Equal(["b", "c"], page!.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task Scopes_AreSeparate()
    {
        var other = new AwsScope("111111111111", "eu-west-1");
        await Store.CreateGroupAsync(Scope, "g", 1, "STANDARD", Ct);

        Assert.True(await Store.CreateGroupAsync(other, "g", 1, "STANDARD", Ct));
        await Append("g", "s", (1, "home"));
        Assert.Null(await Store.GetStreamAsync(other, "g", "s", Ct));
        Assert.Empty((await Store.FilterAsync(other, "g", Query(), Ct))!.Events);
        Assert.Single(await Store.ListGroupsAsync(other, new GroupQuery(null, null, null, 50), Ct));
        Assert.Empty(await Store.ListGroupsAsync(new AwsScope("222222222222", "us-east-1"), new GroupQuery(null, null, null, 50), Ct));
    }

    [Fact]
    public async Task Data_SurvivesReopeningTheDatabase()
    {
        await Append("g", "s", (1, "persisted"));

        var reopened = Reopen();

        var page = await reopened.ReadStreamAsync(Scope, "g", "s", new StreamEventQuery(null, null, null, null, true, 10, 1 << 20), Ct);
        Assert.Equal(["persisted"], page!.Events.Select(e => e.Message));
        Assert.Equal(1, (await reopened.GetStreamAsync(Scope, "g", "s", Ct))!.EventCount);
    }

    [Fact]
    public async Task Append_WithoutCreateMissing_StoresNothingWhenTheStreamIsMissing()
    {
        await Store.CreateGroupAsync(Scope, "g", 1, "STANDARD", Ct);

        var outcome = await Store.AppendAsync(LogPage.Of(Scope, "g", "missing", [new LogRecord(1, "x")]), 5, createMissing: false, Ct);

        Assert.Equal(AppendOutcome.StreamNotFound, outcome);
        Assert.Null(await Store.GetStreamAsync(Scope, "g", "missing", Ct));
    }

    [Fact]
    public async Task Append_UpdatesStreamStatisticsAndGroupBytes()
    {
        await Append("g", "s", (30, "abc"), (10, "de"));

        var stream = await Store.GetStreamAsync(Scope, "g", "s", Ct);
        var group = await Store.GetGroupAsync(Scope, "g", Ct);

        Assert.Equal(10, stream!.FirstEventTimestamp);
        Assert.Equal(30, stream.LastEventTimestamp);
        Assert.Equal(2, stream.EventCount);
        Assert.Equal(3 + 2 + 2 * 26, group!.StoredBytes);
    }

    [Fact]
    public async Task ListStreams_OrdersByLastEventTimeDescendingAndPagesWithACursor()
    {
        await Append("g", "old", (1, "x"));
        await Append("g", "new", (3, "x"));
        await Append("g", "mid", (2, "x"));

        var first = await Store.ListStreamsAsync(Scope, "g", new StreamQuery(null, StreamOrder.LastEventTime, true, null, 2), Ct);
        var last = first![^1];
        var second = await Store.ListStreamsAsync(
            Scope, "g", new StreamQuery(null, StreamOrder.LastEventTime, true, new StreamCursor(last.LastEventTimestamp!.Value, last.Name), 2), Ct);

        Assert.Equal(["new", "mid"], first.Select(s => s.Name));
        Assert.Equal(["old"], second!.Select(s => s.Name));
    }

    [Fact]
    public async Task DeleteStream_RemovesItsEventsAndTheirBytesFromTheGroup()
    {
        await Append("g", "keep", (1, "abc"));
        await Append("g", "drop", (2, "defgh"));

        Assert.Equal(AppendOutcome.Stored, await Store.DeleteStreamAsync(Scope, "g", "drop", Ct));
        Assert.Equal(AppendOutcome.StreamNotFound, await Store.DeleteStreamAsync(Scope, "g", "drop", Ct));

        Assert.Equal(3 + 26, (await Store.GetGroupAsync(Scope, "g", Ct))!.StoredBytes);
        Assert.Equal(["abc"], (await Store.FilterAsync(Scope, "g", Query(), Ct))!.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task DeleteGroup_RemovesItsStreamsAndEvents()
    {
        await Append("g", "s", (1, "x"));

        Assert.True(await Store.DeleteGroupAsync(Scope, "g", Ct));
        await Append("g", "s", (2, "y"));

        var page = await Store.ReadStreamAsync(Scope, "g", "s", new StreamEventQuery(null, null, null, null, true, 10, 1 << 20), Ct);
        Assert.Equal(["y"], page!.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task Scan_ReadsNamedGroupsNewestFirstWithinAnInclusiveRange()
    {
        await Append("a", "s1", (10, "a10"), (30, "a30"), (50, "a50"));
        await Append("b", "s2", (20, "b20"), (30, "b30"));
        await Append("c", "s3", (25, "c25"));

        var events = Store.Scan(Scope, ["a", "b", "missing"], 20, 30, Ct).ToList();

        Assert.Equal(["b30", "a30", "b20"], events.Select(e => e.Event.Message));
        Assert.Equal(["b", "a", "b"], events.Select(e => e.GroupName));
        Assert.Equal("s2", events[0].Event.StreamName);
    }

    [Fact]
    public async Task GetEvent_FindsAnEventByIdOnlyInItsOwnGroup()
    {
        await Append("a", "s", (10, "x"));
        await Append("b", "s", (10, "y"));
        var id = Store.Scan(Scope, ["a"], 0, 100, Ct).Single().Event.Id;

        var found = await Store.GetEventAsync(Scope, "a", id, Ct);

        Assert.Equal("x", found!.Event.Message);
        Assert.Null(await Store.GetEventAsync(Scope, "b", id, Ct));
        Assert.Null(await Store.GetEventAsync(Scope, "missing", id, Ct));
    }

    private Task Append(string group, string stream, params (long Time, string Message)[] events) =>
        Store.AppendAsync(LogPage.Of(Scope, group, stream, events.Select(e => new LogRecord(e.Time, e.Message)).ToList()), 1000, createMissing: true, Ct);

    private static GroupEventQuery Query(FilterPattern? pattern = null, string? prefix = null, IReadOnlyList<string>? names = null) =>
        new(names, prefix, null, null, pattern ?? FilterPattern.MatchAll, null, 100, 1 << 20);
}
