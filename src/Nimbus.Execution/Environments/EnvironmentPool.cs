namespace Nimbus.Execution.Environments;

/// <summary>
/// The warm environments of one <see cref="EnvironmentSpec.PoolKey"/>. An invocation takes the most recently used
/// idle environment (so the rest age and get reaped) or starts a new one, as fast as the function's scale-out rate
/// allows; concurrency limits are the Lambda layer's.
/// </summary>
internal sealed class EnvironmentPool(EnvironmentSpec spec, RuntimeInfo runtime, EnvironmentContext context)
{
    private readonly List<ExecutionEnvironment> _idle = [];
    private readonly HashSet<ExecutionEnvironment> _busy = [];
    private bool _retired;

    public EnvironmentSpec Spec => spec;

    public async Task<InvocationOutcome> InvokeAsync(InvocationRequest request)
    {
        while (TryRentIdle() is { } warm)
        {
            var invocation = warm.TryInvoke(request, null);
            if (invocation is not null)
            {
                return await CompleteAsync(warm, invocation);
            }
            Release(warm);
        }
        if (context.ScaleOut?.TryStart(spec.FunctionKey) == false)
        {
            throw new ScaleOutThrottledException(spec.FunctionName);
        }
        var environment = new ExecutionEnvironment(spec, runtime, context);
        lock (_idle)
        {
            _busy.Add(environment);
        }
        var init = await environment.Initialized;
        if (!init.Ready)
        {
            LogMessages.InitFailed(context.Logger, spec.FunctionName, init.ErrorType);
            var failed = environment.FailInit(request, init);
            Release(environment);
            return failed;
        }
        var cold = environment.TryInvoke(request, init.DurationMs);
        if (cold is null)
        {
            // Died between its first /next and the hand-over: report it as the crash it is.
            Release(environment);
            return environment.FailInit(request, InitResult.Failed(init.DurationMs, InvocationStatus.RuntimeExited, "Runtime.ExitError",
                id => ExecutionEnvironment.ErrorDocument("Runtime.ExitError", $"RequestId: {id} Error: Runtime exited without providing a reason")));
        }
        return await CompleteAsync(environment, cold);
    }

    private async Task<InvocationOutcome> CompleteAsync(ExecutionEnvironment environment, Task<InvocationOutcome> invocation)
    {
        var outcome = await invocation;
        Release(environment);
        return outcome;
    }

    private ExecutionEnvironment? TryRentIdle()
    {
        lock (_idle)
        {
            while (_idle.Count > 0)
            {
                var environment = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
                if (environment.IsAlive)
                {
                    _busy.Add(environment);
                    return environment;
                }
                environment.Dispose();
            }
            return null;
        }
    }

    /// <summary>Back to idle when still usable; stopped when dead or when the pool was retired meanwhile.</summary>
    private void Release(ExecutionEnvironment environment)
    {
        lock (_idle)
        {
            _busy.Remove(environment);
            if (environment.IsAlive && !_retired)
            {
                _idle.Add(environment);
                return;
            }
        }
        environment.Dispose();
    }

    /// <summary>Stops idle environments unused for <paramref name="idleTicks"/>; returns how many.</summary>
    public int ReapIdle(long nowTimestamp, TimeSpan idleTimeout)
    {
        List<ExecutionEnvironment> stale = [];
        lock (_idle)
        {
            for (var i = _idle.Count - 1; i >= 0; i--)
            {
                var environment = _idle[i];
                if (!environment.IsAlive || context.Time.GetElapsedTime(environment.LastUsedTimestamp, nowTimestamp) >= idleTimeout)
                {
                    _idle.RemoveAt(i);
                    stale.Add(environment);
                }
            }
        }
        foreach (var environment in stale)
        {
            environment.Dispose();
        }
        return stale.Count;
    }

    /// <summary>Stops idle environments now and busy ones as they finish.</summary>
    public void Retire()
    {
        List<ExecutionEnvironment> idle;
        lock (_idle)
        {
            _retired = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var environment in idle)
        {
            environment.Dispose();
        }
    }

    /// <summary>Kills everything, busy or not (engine shutdown).</summary>
    public void Stop()
    {
        List<ExecutionEnvironment> all;
        lock (_idle)
        {
            _retired = true;
            all = [.. _idle, .. _busy];
            _idle.Clear();
        }
        foreach (var environment in all)
        {
            environment.Dispose();
        }
    }

    public (int Idle, int Busy) Counts()
    {
        lock (_idle)
        {
            return (_idle.Count, _busy.Count);
        }
    }
}
