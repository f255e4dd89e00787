namespace Nimbus.CloudWatch.Logs.Insights.Engine;

/// <summary>
/// GetQueryResults' statistics as the query runs: written by the one thread running it, read by any caller
/// (so a Running query reports how far it got).
/// </summary>
internal sealed class QueryCounters
{
    private long _recordsScanned;
    private long _bytesScanned;
    private long _recordsMatched;

    public long RecordsScanned => Volatile.Read(ref _recordsScanned);

    public long BytesScanned => Volatile.Read(ref _bytesScanned);

    public long RecordsMatched => Volatile.Read(ref _recordsMatched);

    public void Scanned(long bytes)
    {
        Volatile.Write(ref _recordsScanned, _recordsScanned + 1);
        Volatile.Write(ref _bytesScanned, _bytesScanned + bytes);
    }

    public void Matched() => Volatile.Write(ref _recordsMatched, _recordsMatched + 1);
}
