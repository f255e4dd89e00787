namespace Nimbus.Execution.RuntimeApi;

/// <summary>An invocation as <c>/next</c> hands it to the runtime.</summary>
internal sealed record RuntimeInvocation(InvocationRequest Request, long DeadlineMs);
