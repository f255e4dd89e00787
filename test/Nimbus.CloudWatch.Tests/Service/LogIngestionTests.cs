using Nimbus.CloudWatch.Logs.Model;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Tests.Service;

public sealed class LogIngestionTests : IAsyncLifetime
{
    private static readonly AwsScope Scope = AwsScope.Default;
    private readonly LogsFixture _logs = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _logs.DisposeAsync();

    [Fact]
    public async Task FlushAsync_CompletesWhenEverythingAppendedBeforeIsReadable()
    {
        _logs.Ingestion.Append(Scope, "/aws/lambda/fn", "2026/11/26/[$LATEST]abc", [new LogRecord(1, "START"), new LogRecord(2, "END")]);

        await _logs.Ingestion.FlushAsync();

        var page = await _logs.Service.GetEventsAsync(Scope, "/aws/lambda/fn", "2026/11/26/[$LATEST]abc", null, null, null, null, true, CancellationToken.None);
        Assert.Equal(["START", "END"], page.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task Append_CreatesTheGroupAndStreamAsLambdaDeliveryDoes()
    {
        _logs.Ingestion.Append(Scope, "/aws/lambda/new", "stream", [new LogRecord(1, "x")]);
        await _logs.Ingestion.FlushAsync();

        var group = await _logs.Store.GetGroupAsync(Scope, "/aws/lambda/new", CancellationToken.None);
        Assert.NotNull(group);
        Assert.Equal(_logs.Time.NowMs, group.CreationTime);
        Assert.NotNull(await _logs.Store.GetStreamAsync(Scope, "/aws/lambda/new", "stream", CancellationToken.None));
    }

    [Fact]
    public async Task Append_ManySmallAppends_AreStoredInFarFewerTransactionsAndKeepTheirOrder()
    {
        const int appends = 5_000;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < appends; i++)
            {
                // The same timestamp for all: only arrival order can keep them in sequence.
                _logs.Ingestion.Append(Scope, "g", $"stream-{w}", [new LogRecord(42, $"{w}:{i}")]);
            }
        })).ToArray();
        await Task.WhenAll(writers);

        await _logs.Ingestion.FlushAsync();

        Assert.True(_logs.Ingestion.TransactionCount < appends, $"{_logs.Ingestion.TransactionCount} transactions for {4 * appends} appends");
        for (var w = 0; w < 4; w++)
        {
            var page = await _logs.Store.ReadStreamAsync(Scope, "g", $"stream-{w}", new StreamEventQuery(null, null, null, null, true, 10_000, int.MaxValue), CancellationToken.None);
            Assert.Equal(Enumerable.Range(0, appends).Select(i => $"{w}:{i}"), page!.Events.Select(e => e.Message));
        }
    }

    [Fact]
    public async Task Append_CopiesTheCallersList()
    {
        var events = new List<LogRecord> { new(1, "original") };
        _logs.Ingestion.Append(Scope, "g", "s", events);
        events[0] = new LogRecord(1, "changed");

        await _logs.Ingestion.FlushAsync();

        var page = await _logs.Service.GetEventsAsync(Scope, "g", "s", null, null, null, null, true, CancellationToken.None);
        Assert.Equal(["original"], page.Events.Select(e => e.Message));
    }

    [Fact]
    public async Task StopAsync_StoresEverythingAlreadyQueued()
    {
        for (var i = 0; i < 1_000; i++)
        {
            _logs.Ingestion.Append(Scope, "g", "s", [new LogRecord(i, $"line {i}")]);
        }

        await _logs.Ingestion.StopAsync(CancellationToken.None);

        var stream = await _logs.Reopen().GetStreamAsync(Scope, "g", "s", CancellationToken.None);
        Assert.Equal(1_000, stream!.EventCount);
        await _logs.Ingestion.FlushAsync(); // after stop, a flush just waits for the drained writer
    }
}
