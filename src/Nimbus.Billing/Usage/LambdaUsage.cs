using Nimbus.Core.Metering;

namespace Nimbus.Billing.Usage;

/// <summary>
/// What an invocation bills, named as AWS's Cost and Usage Report names it: <c>Request</c>/<c>Request-ARM</c> and
/// <c>Lambda-GB-Second</c>/<c>Lambda-GB-Second-ARM</c> = memory (GB) × billed duration (s). The billed duration
/// is the REPORT line's, rounded up to 1 ms, which since 1 August 2025 includes the INIT phase for every function.
/// Throttled attempts bill nothing.
/// </summary>
public static class LambdaUsage
{
    public const string Service = "lambda";

    /// <summary>The usage one invocation report bills, as increments (tests, hand computations).</summary>
    public static IReadOnlyList<UsageIncrement> For(FunctionInvocationReport report)
    {
        var totals = new UsageBuffer();
        AddTo(totals, report);
        return totals.Increments();
    }

    /// <summary>Adds what <paramref name="report"/> bills to <paramref name="totals"/>: a request and its GB-seconds.</summary>
    public static void AddTo(UsageBuffer totals, FunctionInvocationReport report)
    {
        if (report.IsThrottle)
        {
            return;
        }
        var at = report.Timestamp.UtcDateTime;
        totals.AddInvocation(report.Scope.AccountId, DateOnly.FromDateTime(at), at.Hour, report.FunctionName,
            string.Equals(report.Architecture, "arm64", StringComparison.Ordinal), report.MemorySizeMb, report.BilledDurationMs);
    }

    /// <summary>Exact in decimal: 128 MB for 1 ms is 0.125 × 0.001 GB-s.</summary>
    public static decimal GbSeconds(int memorySizeMb, long billedDurationMs) => memorySizeMb / 1024m * billedDurationMs / 1000m;

    /// <summary>GB-seconds of a sum of memory (MB) × billed duration (ms) products, exactly as the sum of each one's <see cref="GbSeconds(int, long)"/>.</summary>
    public static decimal GbSeconds(long megabyteMilliseconds) => megabyteMilliseconds / 1_024_000m;
}
