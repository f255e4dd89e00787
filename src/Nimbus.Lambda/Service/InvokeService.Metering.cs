using Nimbus.Core.Metering;
using Nimbus.Execution;

namespace Nimbus.Lambda.Service;

/// <summary>
/// One <see cref="FunctionInvocationReport"/> per invocation and per throttled attempt, to every registered
/// <see cref="IInvocationReportSink"/> (CloudWatch metrics, billing). Sinks queue and return; a failing sink is
/// logged and never fails the invocation.
/// </summary>
internal sealed partial class InvokeService
{
    private void Report(FunctionEntry entry, ResolvedVersion version, string? qualifier, bool isAsync, DateTimeOffset started, int concurrent,
        InvocationOutcome outcome) => Publish(NewReport(entry, version, qualifier, isAsync, started, concurrent, outcome));

    private void ReportThrottle(FunctionEntry entry, ResolvedVersion version, string? qualifier, bool isAsync) =>
        Publish(NewReport(entry, version, qualifier, isAsync, _time.GetUtcNow(), entry.InFlight, outcome: null));

    /// <summary>
    /// An invocation's report, or a throttled attempt's (no outcome). Built in one go, once per invoke on the invoke's
    /// path (it was a report and then a copy of it with the outcome's figures).
    /// </summary>
    private static FunctionInvocationReport NewReport(FunctionEntry entry, ResolvedVersion version, string? qualifier, bool isAsync,
        DateTimeOffset timestamp, int concurrent, InvocationOutcome? outcome) => new()
        {
            Scope = entry.Scope,
            FunctionName = entry.Name,
            ExecutedVersion = version.Config.Version,
            Alias = AliasOf(entry, qualifier),
            Timestamp = timestamp,
            Architecture = version.Config.Architecture,
            MemorySizeMb = outcome is { MemorySizeMb: > 0 } ? outcome.MemorySizeMb : version.Config.MemorySizeMb,
            IsAsync = isAsync,
            ConcurrentExecutions = concurrent,
            DurationMs = outcome?.DurationMs ?? 0,
            BilledDurationMs = outcome?.BilledDurationMs ?? 0,
            MaxMemoryUsedMb = outcome?.MaxMemoryUsedMb ?? 0,
            InitDurationMs = outcome?.InitDurationMs,
            IsError = outcome?.IsFunctionError ?? false,
            IsThrottle = outcome is null,
        };

    private static string? AliasOf(FunctionEntry entry, string? qualifier) =>
        qualifier is not null && entry.Snapshot.Aliases.ContainsKey(qualifier) ? qualifier : null;

    private void Publish(FunctionInvocationReport report)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Publish(report);
            }
            catch (Exception exception)
            {
                LambdaLog.ReportSinkFailed(_logger, exception, sink.GetType().Name);
            }
        }
    }
}
