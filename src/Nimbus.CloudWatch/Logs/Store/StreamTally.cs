namespace Nimbus.CloudWatch.Logs.Store;

/// <summary>What one append call adds to a stream's statistics, written once at the end of the transaction.</summary>
internal sealed class StreamTally(long groupId, long streamId)
{
    public long GroupId { get; } = groupId;

    public long StreamId { get; } = streamId;

    public int Count { get; private set; }

    public long Bytes { get; private set; }

    public long First { get; private set; } = long.MaxValue;

    public long Last { get; private set; } = long.MinValue;

    public void Add(long timestamp, int bytes)
    {
        Count++;
        Bytes += bytes;
        First = Math.Min(First, timestamp);
        Last = Math.Max(Last, timestamp);
    }
}
