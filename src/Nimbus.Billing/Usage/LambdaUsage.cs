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

    public static IEnumerable<UsageIncrement> For(FunctionInvocationReport report)
    {
        if (report.IsThrottle)
        {
            yield break;
        }
        var arm = string.Equals(report.Architecture, "arm64", StringComparison.Ordinal);
        var at = report.Timestamp.UtcDateTime;
        var day = DateOnly.FromDateTime(at);
        yield return new UsageIncrement(report.Scope.AccountId, day, Service, arm ? "Request-ARM" : "Request", report.FunctionName, 1, at.Hour);
        yield return new UsageIncrement(report.Scope.AccountId, day, Service, arm ? "Lambda-GB-Second-ARM" : "Lambda-GB-Second", report.FunctionName,
            GbSeconds(report.MemorySizeMb, report.BilledDurationMs), at.Hour);
    }

    /// <summary>Exact in decimal: 128 MB for 1 ms is 0.125 × 0.001 GB-s.</summary>
    public static decimal GbSeconds(int memorySizeMb, long billedDurationMs) => memorySizeMb / 1024m * billedDurationMs / 1000m;
}
