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
        InvocationOutcome outcome) => Publish(NewReport(entry, version, qualifier, isAsync, started, concurrent) with
        {
            MemorySizeMb = outcome.MemorySizeMb > 0 ? outcome.MemorySizeMb : version.Config.MemorySizeMb,
            DurationMs = outcome.DurationMs,
            BilledDurationMs = outcome.BilledDurationMs,
            MaxMemoryUsedMb = outcome.MaxMemoryUsedMb,
            InitDurationMs = outcome.InitDurationMs,
            IsError = outcome.IsFunctionError,
        });

    private void ReportThrottle(FunctionEntry entry, ResolvedVersion version, string? qualifier, bool isAsync) =>
        Publish(NewReport(entry, version, qualifier, isAsync, _time.GetUtcNow(), entry.InFlight) with { IsThrottle = true });

    private static FunctionInvocationReport NewReport(FunctionEntry entry, ResolvedVersion version, string? qualifier, bool isAsync,
        DateTimeOffset timestamp, int concurrent) => new()
        {
            Scope = entry.Scope,
            FunctionName = entry.Name,
            ExecutedVersion = version.Config.Version,
            Alias = AliasOf(entry, qualifier),
            Timestamp = timestamp,
            Architecture = version.Config.Architecture,
            MemorySizeMb = version.Config.MemorySizeMb,
            IsAsync = isAsync,
            ConcurrentExecutions = concurrent,
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
