using Nimbus.Core;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Service;

/// <summary>
/// One function in memory: its current snapshot, the lock writers take, the count of invocations in flight,
/// and a signal for invokes that arrive while the function is still <c>Pending</c>.
/// </summary>
internal sealed class FunctionEntry
{
    private volatile FunctionSnapshot _snapshot;
    private TaskCompletionSource _activated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    public FunctionEntry(AwsScope scope, string name, FunctionSnapshot snapshot)
    {
        Scope = scope;
        Name = name;
        _snapshot = snapshot;
        FunctionKey = scope.AccountId + "/" + scope.Region + "/" + name;
        LineageHash = Core.Invocation.TraceLineage.FunctionHash(LambdaService.FunctionArn(scope, name));
        UpdateActivation(snapshot);
    }

    public AwsScope Scope { get; }

    public string Name { get; }

    /// <summary>Scope + name: the engine retires a function's pools by this key.</summary>
    public string FunctionKey { get; }

    /// <summary>The function's identity in trace lineages (recursive loop detection).</summary>
    public string LineageHash { get; }

    /// <summary>Writers serialise on this; readers use <see cref="Snapshot"/>.</summary>
    public object Gate { get; } = new();

    /// <summary>Set once the function is deleted, so a racing writer does not resurrect it.</summary>
    public bool Deleted { get; set; }

    public FunctionSnapshot Snapshot => _snapshot;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int IncrementInFlight() => Interlocked.Increment(ref _inFlight);

    public void DecrementInFlight() => Interlocked.Decrement(ref _inFlight);

    public void Publish(FunctionSnapshot snapshot)
    {
        _snapshot = snapshot;
        UpdateActivation(snapshot);
    }

    /// <summary>Completes when <c>$LATEST</c> is no longer <c>Pending</c>.</summary>
    public Task WhenActive => Volatile.Read(ref _activated).Task;

    private void UpdateActivation(FunctionSnapshot snapshot)
    {
        var current = Volatile.Read(ref _activated);
        if (snapshot.Latest.Config.State != FunctionState.Pending)
        {
            current.TrySetResult();
        }
        else if (current.Task.IsCompleted)
        {
            Volatile.Write(ref _activated, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }
}
