using System.Collections.Concurrent;
using Nimbus.Core.Queues;
using Xunit;

namespace Nimbus.CloudWatch.Tests.Service;

/// <summary>
/// The buffers and writer behind log delivery, metrics and usage, with a plain list as the buffer. An hour-long interval stands for "never" here: anything these
/// tests see written was written because of the rule under test, not because the pause ran out.
/// </summary>
public sealed class PacedWriterTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<int[]> _commits = new();

    private PacedWriter<Items> NewWriter(int capacity = 1_000, int maxBatch = 1_000, Func<Items, Task>? write = null,
        Action<Exception, int>? onFailed = null) =>
        new(new PacedBatchOptions(capacity, maxBatch, Hour), () => [], write ?? (items =>
        {
            _commits.Enqueue(items.ToArray());
            return Task.CompletedTask;
        }), onFailed ?? ((_, _) => { }));

    [Fact]
    public async Task AnItemAfterAQuietSpell_IsWrittenAtOnce()
    {
        await using var writer = NewWriter();
        Assert.True(Add(writer, 1));
        await WaitUntilAsync(() => writer.Written == 1);
        Assert.Equal([1], Assert.Single(_commits));
    }

    [Fact]
    public async Task ItemsArrivingWithinTheInterval_AreWrittenTogether_WhenFlushed()
    {
        await using var writer = NewWriter();
        Add(writer, 0);
        await WaitUntilAsync(() => writer.Written == 1);
        for (var i = 1; i <= 100; i++)
        {
            Assert.True(Add(writer, i));
        }
        await writer.FlushAsync().WaitAsync(HangGuard);
        Assert.Equal(101, writer.Written);
        Assert.Equal(2, writer.Commits);
        Assert.Equal(Enumerable.Range(1, 100), _commits.Last());
    }

    [Fact]
    public async Task AFullBatch_IsWrittenWithoutWaitingForTheInterval()
    {
        await using var writer = NewWriter(maxBatch: 10);
        Add(writer, 0);
        await WaitUntilAsync(() => writer.Written == 1);
        for (var i = 1; i <= 10; i++)
        {
            Add(writer, i);
        }
        await WaitUntilAsync(() => writer.Written == 11);
        Assert.Equal(Enumerable.Range(1, 10), _commits.Last());
    }

    [Fact]
    public async Task AFullQueue_RefusesAndCountsTheItem()
    {
        var gate = new TaskCompletionSource();
        var writing = new TaskCompletionSource();
        await using var writer = NewWriter(capacity: 2, write: _ =>
        {
            writing.TrySetResult();
            return gate.Task;
        });
        Add(writer, 0);
        await writing.Task.WaitAsync(HangGuard);
        // The writer holds item 0 in its blocked write; the queue holds two more.
        Assert.True(Add(writer, 1));
        Assert.True(Add(writer, 2));
        Assert.False(Add(writer, 3));
        Assert.Equal(1, writer.Dropped);
        gate.SetResult();
        await writer.FlushAsync().WaitAsync(HangGuard);
        Assert.Equal(3, writer.Written);
    }

    [Fact]
    public async Task Stop_WritesEverythingQueued_AndRefusesLaterItemsWithoutCountingThemDropped()
    {
        var writer = NewWriter();
        Add(writer, 0);
        await WaitUntilAsync(() => writer.Written == 1);
        Add(writer, 1);
        Add(writer, 2);
        await writer.StopAsync().WaitAsync(HangGuard);
        Assert.Equal(3, writer.Written);
        Assert.False(Add(writer, 4));
        Assert.Equal(0, writer.Dropped);
        Assert.True(writer.IsStopping);
        await writer.FlushAsync().WaitAsync(HangGuard);
    }

    [Fact]
    public async Task AFailedWrite_IsReported_AndDoesNotStopTheWriter()
    {
        var failures = new ConcurrentQueue<int>();
        var calls = 0;
        await using var writer = NewWriter(write: items => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("disk full")
            : Task.CompletedTask, onFailed: (_, count) => failures.Enqueue(count));
        Add(writer, 0);
        await writer.FlushAsync().WaitAsync(HangGuard);
        Add(writer, 1);
        Add(writer, 2);
        await writer.FlushAsync().WaitAsync(HangGuard);
        Assert.Equal([1], failures);
        Assert.Equal(3, writer.Written);
        Assert.Equal(2, calls);
    }

    private static bool Add(PacedWriter<Items> writer, int item) => writer.TryAdd(item, static (items, added) => items.Add(added));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + HangGuard;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(5);
        }
    }

    /// <summary>A buffer of numbers in the order they were added.</summary>
    public sealed class Items : List<int>, IPacedBuffer
    {
    }
}
