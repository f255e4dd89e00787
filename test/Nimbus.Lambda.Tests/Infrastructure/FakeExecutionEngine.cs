using System.Collections.Concurrent;
using Nimbus.Execution;

namespace Nimbus.Lambda.Tests.Infrastructure;

/// <summary>
/// A controllable stand-in for the execution engine (being written in parallel): echoes the payload by default,
/// records every call, and can be told to fail or to hold invocations until released.
/// </summary>
internal sealed class FakeExecutionEngine : IExecutionEngine
{
    public FakeExecutionEngine()
    {
        // /bin/sh exists everywhere: these identifiers count as available on any test machine.
        Runtimes = new RuntimeCatalog(new Dictionary<string, string>
        {
            ["python3.12"] = "/bin/sh",
            ["nodejs22.x"] = "/bin/sh",
        });
    }

    public RuntimeCatalog Runtimes { get; }

    public string IsolationLevel => "fake";

    public ConcurrentQueue<(EnvironmentSpec Spec, InvocationRequest Request)> Calls { get; } = new();

    public ConcurrentQueue<string> Retired { get; } = new();

    /// <summary>Replace to change what an invocation does.</summary>
    public Func<EnvironmentSpec, InvocationRequest, CancellationToken, Task<InvocationOutcome>> Handler { get; set; } = Echo;

    public Task<InvocationOutcome> InvokeAsync(EnvironmentSpec spec, InvocationRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue((spec, request));
        return Handler(spec, request, cancellationToken);
    }

    public Task RetireAsync(string functionKey)
    {
        Retired.Enqueue(functionKey);
        return Task.CompletedTask;
    }

    public IReadOnlyList<PoolSnapshot> Snapshot() => [];

    public static Task<InvocationOutcome> Echo(EnvironmentSpec spec, InvocationRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new InvocationOutcome
        {
            Status = InvocationStatus.Success,
            Payload = request.Payload,
            LogTail = request.WantLogTail ? $"START RequestId: {request.RequestId} Version: {spec.Version}\n" : null,
        });
}
