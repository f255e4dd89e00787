using System.Collections.Concurrent;

namespace Nimbus.Execution.Environments;

/// <summary>
/// Lambda's concurrency scaling rate (https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html): each
/// function may add at most <c>limit</c> execution environments per <c>period</c> (AWS: 1,000 every 10 seconds),
/// refilled continuously rather than all at once, and unused capacity does not accumulate beyond <c>limit</c>. A token
/// bucket per function (across its versions and aliases): a cold start takes a token, warm invokes take none.
/// </summary>
internal sealed class ScaleOutLimiter(int limit, TimeSpan period, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes a token for a new environment of <paramref name="functionKey"/>; false when the rate is used up.</summary>
    public bool TryStart(string functionKey)
    {
        if (limit <= 0 || period <= TimeSpan.Zero)
        {
            return true;
        }
        var bucket = _buckets.GetOrAdd(functionKey, static (_, state) => new Bucket(state.limit, state.time.GetTimestamp()), (limit, time));
        lock (bucket)
        {
            var now = time.GetTimestamp();
            var refill = time.GetElapsedTime(bucket.UpdatedAt, now).TotalSeconds * limit / period.TotalSeconds;
            bucket.Tokens = Math.Min(limit, bucket.Tokens + refill);
            bucket.UpdatedAt = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }
            bucket.Tokens--;
            return true;
        }
    }

    private sealed class Bucket(double tokens, long updatedAt)
    {
        public double Tokens = tokens;
        public long UpdatedAt = updatedAt;
    }
}
