namespace Nimbus.CloudWatch.Logs;

/// <summary>
/// Log ingestion counted for <c>/_nimbus/metrics</c>: events and UTF-8 bytes stored from Lambda's log delivery and
/// from PutLogEvents, store transactions of the delivery queue and batches it dropped. Monotonic since start-up.
/// </summary>
internal sealed class LogsCounters
{
    private long _deliveredEvents;
    private long _deliveredBytes;
    private long _putEvents;
    private long _putBytes;
    private long _rejectedEvents;

    public long DeliveredEvents => Volatile.Read(ref _deliveredEvents);

    public long DeliveredBytes => Volatile.Read(ref _deliveredBytes);

    public long PutEvents => Volatile.Read(ref _putEvents);

    public long PutBytes => Volatile.Read(ref _putBytes);

    public long RejectedEvents => Volatile.Read(ref _rejectedEvents);

    public void Delivered(long events, long bytes)
    {
        Interlocked.Add(ref _deliveredEvents, events);
        Interlocked.Add(ref _deliveredBytes, bytes);
    }

    public void Put(long events, long bytes, long rejected)
    {
        Interlocked.Add(ref _putEvents, events);
        Interlocked.Add(ref _putBytes, bytes);
        Interlocked.Add(ref _rejectedEvents, rejected);
    }
}
