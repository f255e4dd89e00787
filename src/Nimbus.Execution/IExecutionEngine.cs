namespace Nimbus.Execution;

/// <summary>
/// Runs function code: keeps pools of execution environments per function configuration, starts one on a cold
/// start, hands each invocation to an idle environment through the Runtime API, and writes the function's logs.
/// Knows nothing of the Lambda API; concurrency limits and throttling are the caller's (Nimbus.Lambda).
/// </summary>
public interface IExecutionEngine
{
    RuntimeCatalog Runtimes { get; }

    /// <summary>What isolation the engine runs environments under (<c>process</c> until sandboxes land).</summary>
    string IsolationLevel { get; }

    /// <summary>What networks sandboxes reach, in words (for health): their own namespace, or the host's and why.</summary>
    string NetworkIsolation => "shared with the host";

    /// <summary>
    /// Runs one invocation in an environment of <paramref name="spec"/>'s pool, starting one if none is idle.
    /// Never throws for function failures: timeouts, crashes, init errors and oversized responses are outcomes. Throws
    /// <see cref="ScaleOutThrottledException"/> when a new environment is needed and the function's scale-out rate is used up.
    /// </summary>
    Task<InvocationOutcome> InvokeAsync(EnvironmentSpec spec, InvocationRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Stops the environments of every pool of a function (by <see cref="EnvironmentSpec.FunctionKey"/>) once they
    /// are idle: after an update of its code or configuration, or its deletion.
    /// </summary>
    Task RetireAsync(string functionKey);

    /// <summary>Environments per pool, for health and the console.</summary>
    IReadOnlyList<PoolSnapshot> Snapshot();
}

public sealed record PoolSnapshot(string FunctionKey, string PoolKey, int Idle, int Busy);
