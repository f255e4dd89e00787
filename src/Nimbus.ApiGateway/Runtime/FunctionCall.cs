using Nimbus.Core.Invocation;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// How a gateway's call of a function ended: its result (which may carry a function error), or no result because the
/// gateway's timeout passed or the invoke itself failed (missing function, throttled). Each API type maps these to
/// its own status codes and bodies.
/// </summary>
internal readonly record struct FunctionCall(FunctionInvocationResult? Result, bool TimedOut)
{
    public bool Failed => Result is null && !TimedOut;
}
