using Nimbus.Core;
using Nimbus.Core.Invocation;

namespace Nimbus.EventBridge.Bench;

/// <summary>Accepts every invocation and remembers when the last one arrived: the benchmark measures the scheduler, not Lambda.</summary>
internal sealed class CountingInvoker : IFunctionInvoker
{
    private int _count;
    private long _lastTimestamp;

    public int Count => Volatile.Read(ref _count);

    public long LastTimestamp => Volatile.Read(ref _lastTimestamp);

    public Task<FunctionInvocationResult> InvokeAsync(AwsScope scope, FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        Volatile.Write(ref _lastTimestamp, System.Diagnostics.Stopwatch.GetTimestamp());
        return Task.FromResult(new FunctionInvocationResult(202, ReadOnlyMemory<byte>.Empty));
    }
}
