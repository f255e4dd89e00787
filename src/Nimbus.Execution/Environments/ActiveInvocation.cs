namespace Nimbus.Execution.Environments;

/// <summary>The invocation an environment is running; finished exactly once (response, error, timeout or exit).</summary>
internal sealed class ActiveInvocation(InvocationRequest request, long startTimestamp, double? initDurationMs)
{
    public InvocationRequest Request { get; } = request;

    public string RequestId => Request.RequestId;

    public long StartTimestamp { get; } = startTimestamp;

    public double? InitDurationMs { get; } = initDurationMs;

    /// <summary>Index of the START record among the collector's pending records (for the log tail).</summary>
    public int LogStart { get; set; }

    public ITimer? Timeout { get; set; }

    /// <summary>Guarded by the environment's gate.</summary>
    public bool Done { get; set; }

    public ExecutionEnvironment? Owner { get; set; }

    public TaskCompletionSource<InvocationOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
