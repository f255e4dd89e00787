using System.Globalization;
using Nimbus.Execution.RuntimeApi;

namespace Nimbus.Execution.Environments;

internal sealed partial class ExecutionEnvironment
{
    private const int LogTailBytes = 4096;

    /// <summary>
    /// Hands an invocation to the runtime (its pending or next <c>/next</c>). Null when the environment died while idle:
    /// the pool then starts another one.
    /// </summary>
    public Task<InvocationOutcome>? TryInvoke(InvocationRequest request, double? initDurationMs)
    {
        var active = new ActiveInvocation(request, _time.GetTimestamp(), initDurationMs);
        lock (_gate)
        {
            if (_active is not null)
            {
                // Never two invocations in one environment: treat the inconsistency as a dead environment.
                _dead = true;
            }
            if (_dead)
            {
                return null;
            }
            _active = active;
        }
        lock (_collector.Gate)
        {
            active.LogStart = _collector.Count;
            _collector.Add($"START RequestId: {request.RequestId} Version: {_spec.Version}");
        }
        // The timeout runs from the hand-over; the deadline the runtime sees is the same instant.
        var timeout = TimeSpan.FromSeconds(_spec.TimeoutSeconds);
        active.Owner = this;
        active.Timeout = _time.CreateTimer(static state => ((ActiveInvocation)state!).Owner!.OnTimeout((ActiveInvocation)state!),
            active, timeout, Timeout.InfiniteTimeSpan);
        var deadline = _time.GetUtcNow().ToUnixTimeMilliseconds() + (long)timeout.TotalMilliseconds;
        _invocations.Writer.TryWrite(new RuntimeInvocation(request, deadline));
        return active.Completion.Task;
    }

    /// <summary>The outcome of an invocation whose cold start failed: the init error, with Lambda's log lines.</summary>
    public InvocationOutcome FailInit(InvocationRequest request, InitResult init)
    {
        Retire();
        var active = new ActiveInvocation(request, _time.GetTimestamp(), init.DurationMs);
        lock (_collector.Gate)
        {
            if (_process is not null)
            {
                _collector.Drain(_process);
            }
            _collector.EndPartialLine();
            active.LogStart = _collector.Count;
            _collector.Add($"START RequestId: {request.RequestId} Version: {_spec.Version}");
        }
        // Not published as the active invocation: the runtime's exit must not claim it as a crash.
        Finish(active, init.FailureStatus, init.ErrorPayload!(request.RequestId), null,
            init.FailureStatus == InvocationStatus.Timeout ? "Status: timeout" : $"Status: error\tError Type: {init.ErrorType}");
        return active.Completion.Task.Result;
    }

    private void OnTimeout(ActiveInvocation active)
    {
        var seconds = _spec.TimeoutSeconds.ToString("F2", CultureInfo.InvariantCulture);
        var timestamp = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            if (active.Done)
            {
                return;
            }
            // Set before Finish so that the pool, resumed by the outcome, never sees this environment as reusable.
            _dead = true;
        }
        // Finish before killing: once killed, the exit would race to report this invocation as a crash.
        var finished = Finish(active, InvocationStatus.Timeout,
            ErrorDocument("Sandbox.Timedout", $"RequestId: {active.RequestId} Error: Task timed out after {seconds} seconds"),
            $"{timestamp} {active.RequestId} Task timed out after {seconds} seconds", "Status: timeout", _spec.TimeoutSeconds * 1000.0);
        _process?.Kill();
        if (finished)
        {
            LogMessages.InvocationTimedOut(_context.Logger, _spec.FunctionName, active.RequestId, _spec.TimeoutSeconds);
        }
    }

    /// <summary>
    /// Ends an invocation exactly once: drains the pipe (so everything the function wrote so far precedes END), writes
    /// END and REPORT, hands the invocation's records to CloudWatch Logs in one batch and completes the outcome.
    /// </summary>
    private bool Finish(ActiveInvocation active, InvocationStatus status, ReadOnlyMemory<byte> payload, string? platformLine, string? reportStatus,
        double minimumDurationMs = 0)
    {
        lock (_gate)
        {
            if (active.Done)
            {
                return false;
            }
            active.Done = true;
            if (ReferenceEquals(_active, active))
            {
                _active = null;
            }
            _lastRequestId = active.RequestId;
        }
        active.Timeout?.Dispose();
        var durationMs = _time.GetElapsedTime(active.StartTimestamp).TotalMilliseconds;
        // Timers may fire a hair early against the stopwatch; a timed-out invocation lasted its whole timeout.
        durationMs = Math.Max(durationMs, minimumDurationMs);
        var memoryMb = (int)Math.Ceiling((_process?.PeakMemoryBytes() ?? 0) / (1024.0 * 1024.0));
        // Since 1 August 2025 Lambda bills the INIT phase of on-demand functions: Billed Duration includes it.
        var billedMs = (long)Math.Ceiling(durationMs + (active.InitDurationMs ?? 0));
        string? tail = null;
        lock (_collector.Gate)
        {
            if (_process is not null)
            {
                _collector.Drain(_process);
            }
            _collector.EndPartialLine();
            if (platformLine is not null)
            {
                _collector.Add(platformLine);
            }
            _collector.Add($"END RequestId: {active.RequestId}");
            _collector.Add(ReportLine(active, durationMs, billedMs, memoryMb, reportStatus));
            if (active.Request.WantLogTail)
            {
                tail = _collector.Tail(active.LogStart, LogTailBytes);
            }
            _collector.Flush();
        }
        LastUsedTimestamp = _time.GetTimestamp();
        active.Completion.TrySetResult(new InvocationOutcome
        {
            Status = status,
            Payload = payload,
            LogTail = tail,
            DurationMs = durationMs,
            BilledDurationMs = billedMs,
            MemorySizeMb = _spec.MemorySizeMb,
            MaxMemoryUsedMb = memoryMb,
            InitDurationMs = active.InitDurationMs,
        });
        return true;
    }

    private string ReportLine(ActiveInvocation active, double durationMs, long billedMs, int memoryMb, string? reportStatus)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"REPORT RequestId: {active.RequestId}\tDuration: {durationMs:F2} ms\tBilled Duration: {billedMs} ms\tMemory Size: {_spec.MemorySizeMb} MB\tMax Memory Used: {memoryMb} MB\t");
        if (active.InitDurationMs is { } init)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"Init Duration: {init:F2} ms\t");
        }
        return reportStatus is null ? line : line + reportStatus + "\t";
    }
}
