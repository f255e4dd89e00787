namespace Nimbus.Execution;

/// <summary>
/// An invocation needed a new execution environment while the function's scale-out rate was used up
/// (<see cref="ExecutionOptions.ScaleOutLimit"/> new environments per <see cref="ExecutionOptions.ScaleOutPeriod"/>).
/// Nothing ran; the caller answers with a throttle.
/// </summary>
public sealed class ScaleOutThrottledException(string functionName)
    : Exception($"Function {functionName} is scaling faster than its scale-out rate allows.")
{
}
