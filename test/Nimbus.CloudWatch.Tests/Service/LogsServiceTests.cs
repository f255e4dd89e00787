using Nimbus.CloudWatch.Logs;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Tests.Service;

public sealed class LogsServiceTests : IAsyncLifetime
{
    private static readonly AwsScope Scope = AwsScope.Default;
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly LogsFixture _logs = new();

    private LogsService Service => _logs.Service;

    public async Task InitializeAsync()
    {
        await Service.CreateGroupAsync(Scope, "g", null, Ct);
        await Service.CreateStreamAsync(Scope, "g", "s", Ct);
    }

    public async Task DisposeAsync() => await _logs.DisposeAsync();

    [Fact]
    public async Task GetEvents_WhenNothingNew_ReturnsTheSameForwardToken()
    {
        await Put((0, "a"), (1, "b"));
        var first = await Service.GetEventsAsync(Scope, "g", "s", null, null, null, null, startFromHead: true, Ct);

        var second = await Service.GetEventsAsync(Scope, "g", "s", null, null, first.NextForwardToken, null, false, Ct);
        var third = await Service.GetEventsAsync(Scope, "g", "s", null, null, second.NextForwardToken, null, false, Ct);

        Assert.Equal(["a", "b"], first.Events.Select(e => e.Message));
        Assert.Empty(second.Events);
        Assert.Equal(first.NextForwardToken, second.NextForwardToken);
        Assert.Equal(second.NextForwardToken, third.NextForwardToken);
    }

    [Fact]
    public async Task GetEvents_ForwardTokenPicksUpEventsAppendedLater()
    {
        await Put((0, "a"));
        var first = await Service.GetEventsAsync(Scope, "g", "s", null, null, null, null, false, Ct);
        await Put((1, "b"));

        var next = await Service.GetEventsAsync(Scope, "g", "s", null, null, first.NextForwardToken, null, false, Ct);

        Assert.Equal(["b"], next.Events.Select(e => e.Message));
        Assert.StartsWith("f/", next.NextForwardToken);
        Assert.Equal(58, next.NextForwardToken.Length);
    }

    [Fact]
    public async Task GetEvents_BackwardTokenPagesTowardsTheOldestAndThenRepeats()
    {
        await Put((0, "a"), (1, "b"), (2, "c"));
        var newest = await Service.GetEventsAsync(Scope, "g", "s", null, null, null, 2, false, Ct);

        var older = await Service.GetEventsAsync(Scope, "g", "s", null, null, newest.NextBackwardToken, 2, false, Ct);
        var end = await Service.GetEventsAsync(Scope, "g", "s", null, null, older.NextBackwardToken, 2, false, Ct);

        Assert.Equal(["b", "c"], newest.Events.Select(e => e.Message));
        Assert.Equal(["a"], older.Events.Select(e => e.Message));
        Assert.Empty(end.Events);
        Assert.Equal(older.NextBackwardToken, end.NextBackwardToken);
    }

    [Fact]
    public async Task GetEvents_OnAnUnknownStream_ThrowsResourceNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Service.GetEventsAsync(Scope, "g", "nope", null, null, null, null, false, Ct));
        var groupError = await Assert.ThrowsAsync<AwsServiceException>(() => Service.GetEventsAsync(Scope, "nope", "s", null, null, null, null, false, Ct));

        Assert.Equal(("ResourceNotFoundException", "The specified log stream does not exist."), (error.ErrorCode, error.Message));
        Assert.Equal(("ResourceNotFoundException", "The specified log group does not exist."), (groupError.ErrorCode, groupError.Message));
    }

    [Fact]
    public async Task GetEvents_WithAMalformedToken_ThrowsInvalidParameter()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Service.GetEventsAsync(Scope, "g", "s", null, null, "f/123", null, false, Ct));

        Assert.Equal("InvalidParameterException", error.ErrorCode);
    }

    [Fact]
    public async Task FilterEvents_PagesWithNextTokenUntilExhausted()
    {
        await Put(Enumerable.Range(0, 5).Select(i => ((long)i, $"line {i}")).ToArray());

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Service.FilterEventsAsync(Scope, "g", null, null, null, null, null, token, 2, Ct);
            seen.AddRange(page.Events.Select(e => e.Message));
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"line {i}"), seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task FilterEvents_WithStreamNamesAndPrefix_ThrowsInvalidParameter()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Service.FilterEventsAsync(Scope, "g", ["s"], "s", null, null, null, null, null, Ct));

        Assert.Equal("InvalidParameterException", error.ErrorCode);
    }

    [Fact]
    public async Task PutEvents_OutOfOrder_ThrowsInvalidParameterAndStoresNothing()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Put((2, "b"), (1, "a")));

        Assert.Equal("Log events in a single PutLogEvents request must be in chronological order.", error.Message);
        Assert.Empty((await Service.GetEventsAsync(Scope, "g", "s", null, null, null, null, true, Ct)).Events);
    }

    [Fact]
    public async Task PutEvents_SpanningMoreThanADay_ThrowsInvalidParameter()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Put((-TimeSpan.FromHours(25).Ticks / 10_000, "old"), (0, "now")));

        Assert.Equal("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.", error.Message);
    }

    [Fact]
    public async Task PutEvents_SkipsTooOldAndTooNewEventsAndReportsTheirIndexes()
    {
        var now = _logs.Time.NowMs;
        var fourteenDays = (long)TimeSpan.FromDays(14).TotalMilliseconds;
        const long hour = 3_600_000;
        var events = new[]
        {
            new LogRecord(now - fourteenDays - 2 * hour, "too old"),
            new LogRecord(now - fourteenDays - hour, "too old too"),
            new LogRecord(now - fourteenDays + hour, "kept"),
        };
        var result = await Service.PutEventsAsync(Scope, "g", "s", events, Ct);
        var future = await Service.PutEventsAsync(Scope, "g", "s", [new LogRecord(now, "kept now"), new LogRecord(now + 3 * 3_600_000, "too new")], Ct);

        Assert.Equal(2, result.TooOldLogEventEndIndex);
        Assert.Null(result.TooNewLogEventStartIndex);
        Assert.Equal(1, future.TooNewLogEventStartIndex);
        var stored = await Service.GetEventsAsync(Scope, "g", "s", null, null, null, null, true, Ct);
        Assert.Equal(["kept", "kept now"], stored.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task PutEvents_OlderThanTheGroupsRetention_AreReportedExpired()
    {
        await Service.SetRetentionAsync(Scope, "g", 1, Ct);
        var now = _logs.Time.NowMs;

        var result = await Service.PutEventsAsync(Scope, "g", "s", [new LogRecord(now - 86_400_000L - 3_600_000, "expired"), new LogRecord(now - 86_400_000L + 3_600_000, "kept")], Ct);

        Assert.Equal(1, result.ExpiredLogEventEndIndex);
        Assert.Equal(1, (await _logs.Store.GetGroupAsync(Scope, "g", Ct))!.RetentionInDays);
        Assert.Equal(["kept"], (await Service.GetEventsAsync(Scope, "g", "s", null, null, null, null, true, Ct)).Events.Select(e => e.Message));
    }

    [Fact]
    public async Task DescribeGroups_FiltersByClassBeforePaging()
    {
        await Service.CreateGroupAsync(Scope, "ia-1", "INFREQUENT_ACCESS", Ct);
        await Service.CreateGroupAsync(Scope, "ia-2", "INFREQUENT_ACCESS", Ct);

        var page = await Service.DescribeGroupsAsync(Scope, null, null, 1, null, Ct, "INFREQUENT_ACCESS");
        var next = await Service.DescribeGroupsAsync(Scope, null, null, 1, page.NextToken, Ct, "INFREQUENT_ACCESS");

        Assert.Equal(["ia-1"], page.Items.Select(g => g.Name));
        Assert.Equal(["ia-2"], next.Items.Select(g => g.Name));
    }

    [Fact]
    public async Task PutEvents_IntoAMissingStream_ThrowsResourceNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Service.PutEventsAsync(Scope, "g", "missing", [new LogRecord(_logs.Time.NowMs, "x")], Ct));

        Assert.Equal("The specified log stream does not exist.", error.Message);
    }

    [Fact]
    public async Task CreateGroup_Twice_ThrowsResourceAlreadyExists()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Service.CreateGroupAsync(Scope, "g", null, Ct));

        Assert.Equal(("ResourceAlreadyExistsException", "The specified log group already exists"), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task DescribeStreams_WithPrefixOrderedByLastEventTime_ThrowsInvalidParameter()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => Service.DescribeStreamsAsync(Scope, "g", "s", Nimbus.CloudWatch.Logs.Model.StreamOrder.LastEventTime, false, null, null, Ct));

        Assert.Equal("InvalidParameterException", error.ErrorCode);
    }

    [Fact]
    public async Task DescribeGroups_PagesInNameOrder()
    {
        foreach (var name in new[] { "c", "a", "b" })
        {
            await Service.CreateGroupAsync(Scope, name, null, Ct);
        }

        var first = await Service.DescribeGroupsAsync(Scope, null, null, 2, null, Ct);
        var second = await Service.DescribeGroupsAsync(Scope, null, null, 2, first.NextToken, Ct);

        Assert.Equal(["a", "b"], first.Items.Select(g => g.Name));
        Assert.Equal(["c", "g"], second.Items.Select(g => g.Name));
        Assert.Null(second.NextToken);
    }

    /// <summary>Puts events at offsets (ms) from the manual clock's now.</summary>
    private Task Put(params (long OffsetMs, string Message)[] events) =>
        Service.PutEventsAsync(Scope, "g", "s", events.Select(e => new LogRecord(_logs.Time.NowMs + e.OffsetMs, e.Message)).ToList(), Ct);
}
