namespace Nimbus.DynamoDb;

/// <summary>
/// Limits and intervals of the table store that tests (and operators) may change on a running server: AWS's values
/// take hours or gigabytes to reach.
/// </summary>
internal sealed class DynamoDbSettings
{
    /// <summary>AWS's 10 GB limit on an item collection of a table with local secondary indexes.</summary>
    public const long DefaultItemCollectionSizeLimit = 10L * 1024 * 1024 * 1024;

    private TimeSpan _storageSampleInterval = TimeSpan.FromHours(1);
    private CancellationTokenSource _changed = new();

    public long ItemCollectionSizeLimitBytes { get; set; } = DefaultItemCollectionSizeLimit;

    /// <summary>How often table storage is metered (TimedStorage-ByteHrs); AWS meters it hourly.</summary>
    public TimeSpan StorageSampleInterval
    {
        get => _storageSampleInterval;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _storageSampleInterval = value;
            // Wakes the sampler so a new interval applies now, not after the old one ran out.
            Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();
        }
    }

    /// <summary>Cancelled when <see cref="StorageSampleInterval"/> changes.</summary>
    public CancellationToken Changed => Volatile.Read(ref _changed).Token;
}
