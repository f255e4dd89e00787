namespace Nimbus.CloudWatch.Prometheus;

/// <summary>Everything Nimbus exports about one function version.</summary>
internal sealed class FunctionSeries
{
    /// <summary>Seconds: 1 ms to 15 minutes, Lambda's range.</summary>
    public static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

    /// <summary>Seconds: init is bounded at 10 s for on-demand functions.</summary>
    public static readonly double[] InitBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Indexed by <see cref="Index"/>: success/error/throttle × cold/warm (throttles never start).</summary>
    private readonly long[] _invocations = new long[5];
    private long _billedMs;
    private int _concurrent;

    public Histogram Duration { get; } = new(DurationBuckets);

    public Histogram InitDuration { get; } = new(InitBuckets);

    public long BilledMilliseconds => Volatile.Read(ref _billedMs);

    public int ConcurrentExecutions => Volatile.Read(ref _concurrent);

    /// <summary>The <c>outcome</c> and <c>start</c> labels of each invocation counter.</summary>
    public static readonly (string Outcome, string Start)[] Labels =
        [("success", "cold"), ("success", "warm"), ("error", "cold"), ("error", "warm"), ("throttle", "none")];

    public long Invocations(int index) => Volatile.Read(ref _invocations[index]);

    public void Add(bool isError, bool isThrottle, bool isCold, double durationMs, double? initMs, long billedMs, int concurrent)
    {
        Volatile.Write(ref _concurrent, concurrent);
        if (isThrottle)
        {
            Interlocked.Increment(ref _invocations[4]);
            return;
        }
        Interlocked.Increment(ref _invocations[(isError ? 2 : 0) + (isCold ? 0 : 1)]);
        Interlocked.Add(ref _billedMs, billedMs);
        Duration.Observe(durationMs / 1000);
        if (initMs is { } init)
        {
            InitDuration.Observe(init / 1000);
        }
    }
}
