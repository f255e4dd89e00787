namespace Nimbus.Execution;

// Placeholder until the engine lands (issue 2, in progress): the seam exists so that the server and the Lambda API build.
internal sealed class ExecutionEngine : IExecutionEngine
{
    public ExecutionEngine(RuntimeCatalog runtimes) => Runtimes = runtimes;

    public RuntimeCatalog Runtimes { get; }

    public string IsolationLevel => "process";

    public Task<InvocationOutcome> InvokeAsync(EnvironmentSpec spec, InvocationRequest request, CancellationToken cancellationToken)
        => throw new NotImplementedException();

    public Task RetireAsync(string functionKey) => Task.CompletedTask;

    public IReadOnlyList<PoolSnapshot> Snapshot() => [];
}
