namespace Nimbus.Core.Metering;

/// <summary>
/// What one Lambda invocation (or throttled attempt) cost and how it went: the figures of its REPORT line plus the
/// outcome. Lambda publishes one per invocation; CloudWatch metrics and Billing consume them.
/// </summary>
public sealed record FunctionInvocationReport
{
    public required AwsScope Scope { get; init; }

    public required string FunctionName { get; init; }

    /// <summary>The version that ran (<c>$LATEST</c> or a number).</summary>
    public required string ExecutedVersion { get; init; }

    /// <summary>The alias the caller named, if any (Lambda publishes per-alias metrics too).</summary>
    public string? Alias { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary><c>x86_64</c> or <c>arm64</c>: the two have different GB-second prices.</summary>
    public required string Architecture { get; init; }

    public int MemorySizeMb { get; init; }

    public double DurationMs { get; init; }

    public long BilledDurationMs { get; init; }

    public int MaxMemoryUsedMb { get; init; }

    /// <summary>Set on cold starts.</summary>
    public double? InitDurationMs { get; init; }

    /// <summary>The function failed (error, timeout, crash): counts in the <c>Errors</c> metric.</summary>
    public bool IsError { get; init; }

    /// <summary>The attempt was rejected with 429: counts in <c>Throttles</c>, is neither billed nor an invocation.</summary>
    public bool IsThrottle { get; init; }

    /// <summary>Asynchronous (event) invocation: feeds <c>AsyncEventAge</c> and friends.</summary>
    public bool IsAsync { get; init; }

    /// <summary>Environments of this function busy when the invocation started, for <c>ConcurrentExecutions</c>.</summary>
    public int ConcurrentExecutions { get; init; }
}
