namespace Nimbus.Lambda.EventSources;

/// <summary>How often the stream poller looks for records and how it backs off between retries of a failed batch.</summary>
public sealed record EventSourceOptions
{
    /// <summary>Wait between reads of an idle stream (AWS polls DynamoDB streams about four times a second per shard).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>First wait before retrying a failed batch; doubles with each retry up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}
