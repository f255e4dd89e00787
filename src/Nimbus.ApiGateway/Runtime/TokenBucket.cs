namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// API Gateway's throttle: a bucket of <c>burst</c> tokens refilled at <c>rate</c> per second; a request takes one
/// token or is throttled. Time comes from <see cref="TimeProvider"/> timestamps so tests can drive it.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double _rate;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _last;

    public TokenBucket(double rate, int burst, TimeProvider time)
    {
        _rate = rate;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_last, now).TotalSeconds;
            _last = now;
            _tokens = Math.Min(_burst, _tokens + elapsed * _rate);
            if (_tokens < 1)
            {
                return false;
            }
            _tokens -= 1;
            return true;
        }
    }
}
